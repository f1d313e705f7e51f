import pytest

from hubtui.domain.activity_types import (
    ACTIVITY_TYPES,
    GROUP_TYPES,
    ONE_TO_ONE_TYPES,
    ActivityType,
    Category,
    LeaderGender,
    OrgKind,
    SupportForm,
    activity_type,
    label,
)
from hubtui.domain.size import SizeClass
from hubtui.errors import UserError

EXPECTED = {
    "visit": ("one_to_one", Category.ECOSYSTEM_NETWORKING),
    "meeting": ("one_to_one", Category.ECOSYSTEM_NETWORKING),
    "needs_analysis": ("either", Category.ECOSYSTEM_NETWORKING),
    "matchmaking": ("one_to_one", Category.ECOSYSTEM_NETWORKING),
    "advisory": ("one_to_one", Category.SKILLS_TRAINING),
    "seminar": ("group", Category.SKILLS_TRAINING),
    "workshop": ("group", Category.SKILLS_TRAINING),
    "training": ("group", Category.SKILLS_TRAINING),
    "network_meeting": ("group", Category.ECOSYSTEM_NETWORKING),
    "study_visit": ("group", Category.ECOSYSTEM_NETWORKING),
    "demo": ("either", Category.TEST_BEFORE_INVEST),
    "testbed_session": ("one_to_one", Category.TEST_BEFORE_INVEST),
    "investment_support": ("one_to_one", Category.INVESTMENT_SUPPORT),
}


def test_table_matches_domain() -> None:
    assert list(ACTIVITY_TYPES) == list(EXPECTED)
    for type_id, (mode, category) in EXPECTED.items():
        t = activity_type(type_id)
        assert (t.id, t.mode, t.default_category) == (type_id, mode, category)
        assert t.sv and t.en
        assert (type_id in GROUP_TYPES) == (mode != "one_to_one")
        assert (type_id in ONE_TO_ONE_TYPES) == (mode != "group")


def test_lookup() -> None:
    assert activity_type(" Seminar ") is ACTIVITY_TYPES["seminar"]
    with pytest.raises(UserError, match="'seminarium' is not an activity type; use one of visit,"):
        activity_type("seminarium")


@pytest.mark.parametrize("enum", [Category, SupportForm, OrgKind, LeaderGender, SizeClass])
def test_labels(enum: type[Category]) -> None:
    for member in enum:
        assert label(member, "sv") == member.sv
        assert label(member, "en") == member.en
        assert member.sv and member.en


def test_label_examples() -> None:
    assert label(Category.TEST_BEFORE_INVEST, "en") == "Test before invest"
    assert label(activity_type("visit")) == "Företagsbesök"
    assert label(activity_type("visit"), "en") == "Company visit"
    assert isinstance(activity_type("visit"), ActivityType)
    assert str(Category.SKILLS_TRAINING) == "skills_training"
