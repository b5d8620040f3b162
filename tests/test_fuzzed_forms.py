"""Every form of the service, fuzzed with Hypothesis through the test client, as a browser (or someone tampering
with one) would post it.

Each field's fuzzer comes from the form the view puts on the page, by the kind of field: values the form must
accept, values it must refuse (a NUL byte, too long, a date that is not real, an id that is not among the choices)
and anything at all (any Unicode, control characters, 10,000 characters, nothing). Every submission also carries
unknown fields. The add-mentor steps and change pages are enumerated from the code that defines them, so a new one
is fuzzed too.

Properties: no submission fails (5xx); one that is refused shows the GOV.UK error summary and changes nothing in
the database or the journey's answers; one with only valid answers is accepted, and does what it should; one
with an invalid answer is refused. Each example runs in a savepoint that is rolled back, so every example starts
from the same database.
"""

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from urllib.parse import urlencode

import pytest
from bs4 import BeautifulSoup
from crispy_forms_gds.layout import ConditionalQuestion
from crispy_forms_gds.layout import ConditionalRadios as GDSConditionalRadios
from django import forms
from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core import mail
from django.db import transaction
from django.test import Client
from django.urls import resolve, reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import url_has_allowed_host_and_scheme, urlsafe_base64_encode
from hypothesis import HealthCheck, example, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from accounts.models import User
from claims.forms import CONFIRMED
from claims.journeys import CONFIRM as CLAIM_CONFIRM
from claims.journeys import HOURS_PREFIX, AddClaimJourney
from claims.journeys import MENTORS as CLAIM_MENTORS
from claims.models import Claim, ClaimMentor, GrantConditionsAcceptance, TrainingAllowance
from claims.services import accept_grant_conditions, create_draft_claim
from core.fields import GovUKDateField, PersonNameField, WholeNumberField
from core.journeys import CHECK_YOUR_ANSWERS, SESSION_KEY
from emails.models import Email
from mentors import selectors
from mentors.forms import NO_SEND_SUPPORT
from mentors.journeys import STEPS, AddMentorJourney
from mentors.models import Mentor, TraineeAssignment, trn_validator
from mentors.views.manage import CHANGE_PAGES, PENDING_AGE_RANGE
from partnerships.models import Partnership
from providers.journeys import RESULTS, SEARCH
from reference_data.models import AgeRange, KeyStage, Subject
from schools.models import Membership
from schools.selectors import lead_mentors_of
from tests.conftest import PASSWORD
from tests.support.factories import (
    ClaimWindowFactory,
    MembershipFactory,
    MentorFactory,
    PartnershipFactory,
    ProviderFactory,
    ProviderMembershipFactory,
    SchoolFactory,
    TraineeAssignmentFactory,
    UserFactory,
    make_claim,
)
from trs.fake import NOT_FOUND_TRN, TEACHERS

EXAMPLES = 75
CSRF_EXAMPLES = 15
FUZZ_SETTINGS = hypothesis_settings(
    max_examples=EXAMPLES,
    deadline=None,  # a request takes tens of milliseconds, more on a busy machine
    database=None,  # no .hypothesis/ folder in the project; a failure prints the blob that reproduces it
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
)
FORM_ENCODED = "application/x-www-form-urlencoded"

VALID, BAD, ANY = "valid", "bad", "any"

# Anything a request can carry: any Unicode (bar the lone surrogates no encoding can), control characters, NUL,
# 10,000 characters and more, and the strings that trip parsers up.
TRICKY = [
    "", " ", "0", "-1", "1.5", "1e3", "0x1f", "+1", "1_0", "²", "٣", "１", "9" * 25, "-" + "9" * 25,
    "null", "None", "true", "[]", "{}", "<script>alert(1)</script>", "' OR '1'='1", "%00", "\u202e", "\ufeff",
]  # fmt: skip
# Ids as they should not be sent: digits int() refuses, digits it takes that are not ASCII, out of range...
TRICKY_IDS = ["²", "٣", "１", "9" * 25, "-1", "0", "1.0", " 1", "1_0", ""]
WITH_NUL = st.builds(lambda before, after: f"{before}\x00{after}", st.text(max_size=20), st.text(max_size=20))
LONG_TEXT = st.builds(lambda piece, times: piece * times, st.text(min_size=1, max_size=8), st.integers(10_000, 11_000))
JUNK = st.one_of(
    st.sampled_from(TRICKY),
    st.text(),
    st.text(st.characters(categories=["Cc"]), min_size=1),
    WITH_NUL,
    LONG_TEXT,
)
PRINTABLE = st.characters(exclude_categories=["Cs", "Cc"])
VISIBLE = st.characters(exclude_categories=["Cs", "Cc", "Zs", "Zl", "Zp"]).filter(lambda c: not c.isspace())
BLANK = st.sampled_from(["", " ", "\t", "\r\n  ", "\u00a0", "\u3000"])
EMAILS = st.from_regex(r"\A[a-z0-9]{1,20}(\.[a-z0-9]{1,10})?@[a-z]{1,20}\.(com|org|co\.uk)\Z")
TRS_KNOWN_TRNS = {teacher.trn for teacher in TEACHERS} | {NOT_FOUND_TRN}

# Names no form has: a mentor's other columns, and what an attacker would try.
TAMPERED_NAMES = sorted(
    {model_field.name for model_field in Mentor._meta.concrete_fields}
    | {"school", "urn", "user", "role", "is_staff", "is_superuser", "next", "page", "csrfmiddlewaretoken"}
)


@dataclass(frozen=True)
class Draw:
    """One field's value in a submission: what is posted for it, and whether the form must accept it."""

    kind: str
    posted: dict
    cleaned: object = None  # for a valid value, what the form makes of it


@dataclass(frozen=True)
class FieldFuzz:
    valid: st.SearchStrategy  # (posted, cleaned) pairs the form must accept
    bad: st.SearchStrategy  # posted values the form must refuse
    names: tuple  # what the field posts: its name, or a date's three parts
    example: dict  # a valid posted value, to answer a question on the way to a later one

    def draws(self, tampered):
        if not tampered:
            return self.valid.map(lambda pair: Draw(VALID, *pair))
        anything = st.tuples(*(st.none() | JUNK for _ in self.names)).map(
            lambda values: {name: value for name, value in zip(self.names, values, strict=True) if value is not None}
        )
        return st.one_of(self.bad.map(lambda posted: Draw(BAD, posted)), anything.map(lambda posted: Draw(ANY, posted)))


def single(name, valid, bad, answer):
    return FieldFuzz(
        valid=valid.map(lambda pair: ({name: pair[0]}, pair[1])),
        bad=bad.map(lambda value: {name: value}),
        names=(name,),
        example={name: answer},
    )


def text_fuzz(name, form_field):
    limit = form_field.max_length
    typed = st.text(PRINTABLE, min_size=int(form_field.required), max_size=limit)
    if form_field.required:
        typed = typed.filter(str.strip)
    too_long = st.builds(
        lambda piece, extra: piece * (limit // len(piece) + 1 + extra),
        st.text(VISIBLE, min_size=1, max_size=5),
        st.integers(0, 3),
    )
    bad = st.one_of(too_long, WITH_NUL, *([BLANK] if form_field.required else []))
    return single(name, typed.map(lambda text: (text, text.strip())), bad, "Fuzz" if form_field.required else "")


def trn_fuzz(name, refused):
    trns = st.from_regex(r"\A[0-9]{7}\Z").filter(lambda trn: trn not in refused and trn not in TRS_KNOWN_TRNS)
    not_seven_digits = st.text().filter(lambda text: not re.fullmatch(r"[0-9]{7}", text.strip()))
    odd = ["123456", "12345678", "１２３４５６７", "123 4567", "1234567\x00", "-123456", "+123456", "1_23456"]
    bad = st.one_of(not_seven_digits, st.sampled_from(odd + sorted(refused)))
    return single(name, trns.map(lambda trn: (trn, trn)), bad, "7654321")


def email_fuzz(name, form_field, refused):
    emails = EMAILS.filter(lambda email: email not in refused)
    malformed = [
        "name@", "@example.com", "name@example", "name@@example.com", "na me@example.com", ".name@example.com",
    ]  # fmt: skip
    bad = st.one_of(
        st.text().filter(lambda text: "@" not in text),
        st.sampled_from(malformed + sorted(refused)),
        st.builds(lambda email, at: email[:at] + "\x00" + email[at:], EMAILS, st.integers(0, 5)),
        st.integers(form_field.max_length, form_field.max_length + 20).map(
            lambda length: "a" * length + "@example.com"
        ),
    )
    return single(name, emails.map(lambda email: (email, email)), bad, "fuzz@example.com")


def date_fuzz(name, form_field, within=None):
    """within: the first and last dates the form takes, when another answer or the record limits them."""
    names = tuple(name + suffix for suffix in form_field.widget.widgets_names)
    today = timezone.localdate()

    def parts(day):
        return str(day.day), str(day.month), str(day.year)

    # The dates the field takes (past ones, future ones, or any), and the others.
    past = st.dates(date(1900, 1, 1), today)
    future = st.dates(today + timedelta(days=1), date(9999, 12, 31))
    if form_field.when == GovUKDateField.FUTURE:
        past, future = future, st.dates(date(1900, 1, 1), today)
    elif form_field.when == GovUKDateField.ANY:
        past, future = st.dates(*(within or (date(1900, 1, 1), date(9999, 12, 31)))), st.nothing()
    valid = past.map(lambda day: (parts(day), day))
    if not form_field.required:
        valid |= st.just((("", "", ""), None))
    year = st.integers(1900, 2999).map(str)
    not_real = st.sampled_from(
        [("31", "2"), ("30", "2"), ("31", "4"), ("31", "11"), ("32", "1"), ("0", "1"), ("1", "0"), ("1", "13")]
    )
    bad = st.one_of(
        st.builds(lambda day_month, year: (*day_month, year), not_real, year),
        st.sampled_from([("29", "2", "2023"), ("29", "2", "1900")]),
        st.sampled_from(["0", "0000", "99999", "-2015", "-001", "15", "201", "2_15", "+215", "2015.0"]).map(
            lambda year: ("1", "1", year)
        ),
        # Numbers no machine integer holds: C's int overflows at 2**31, a 64-bit one at 2**63.
        st.builds(
            lambda at, huge, day: tuple(str(huge) if index == at else part for index, part in enumerate(parts(day))),
            st.integers(0, 2),
            st.integers(2**31 - 1, 2**80) | st.sampled_from([2**31, 2**63, 2**64]),
            past,
        ),
        # Not digits, though Python's int() would take some of them ("+5", "1_5").
        st.builds(
            lambda at, odd, day: tuple(odd if index == at else part for index, part in enumerate(parts(day))),
            st.integers(0, 1),
            st.sampled_from(["+5", "1_5", "1.5", "1e1", "0x1", "five", "1/2", "½", "²", "1 5", "-1"]),
            past,
        ),
        st.builds(
            lambda day, kept: tuple(part if index in kept else "" for index, part in enumerate(parts(day))),
            past,
            st.sets(st.integers(0, 2), min_size=1, max_size=2),
        ),
        future.map(parts),
    )
    return FieldFuzz(
        valid=valid.map(lambda pair: (dict(zip(names, pair[0], strict=True)), pair[1])),
        bad=bad.map(lambda posted: dict(zip(names, posted, strict=True))),
        names=names,
        # A date where the form limits them (it may need one), else none.
        example=dict(zip(names, parts(within[0]), strict=True)) if within else dict.fromkeys(names, ""),
    )


def not_an_integer(text):
    try:
        int(text)
    except ValueError:
        return True
    return False


def model_multiple_choice_fuzz(name, form_field):
    """Checkboxes of a list's items (by id, or by to_field_name): any of them, or none; never one not offered."""
    key = form_field.to_field_name or "pk"
    values = [str(value) for value in form_field.queryset.values_list(key, flat=True)]

    def offered(text):
        # An id is read as a number, so "01" or "١" is the item 1.
        if key == "pk" and not not_an_integer(text):
            return str(int(text)) in values
        return text in values

    chosen = st.lists(st.sampled_from(values), unique=True)
    unknown = st.text().filter(lambda text: text.strip() and not offered(text) and "\x00" not in text)
    return FieldFuzz(
        valid=chosen.map(lambda picked: ({name: picked}, sorted(picked))),
        bad=st.lists(unknown, min_size=1, max_size=3).map(lambda posted: {name: posted}),
        names=(name,),
        example={name: values[:1]},
    )


def model_choice_fuzz(name, form_field):
    key = form_field.to_field_name or "pk"  # what the choice's value is: the id, or another unique field
    offered = list(form_field.queryset.values_list(key, flat=True))
    model = form_field.queryset.model
    elsewhere = list(
        model.objects.exclude(**{f"{key}__in": offered}).values_list(key, flat=True)
    )  # other phases or schools
    biggest = max([*offered, *elsewhere])
    valid = st.sampled_from(offered).map(lambda pk: (str(pk), pk))
    if not form_field.required:
        valid |= st.just(("", None))
    bad = st.one_of(
        *([st.sampled_from(elsewhere).map(str)] if elsewhere else []),
        st.integers(biggest + 1, biggest + 10**6).map(str),
        st.sampled_from(["0", "-1", "9" * 25, "-" + "9" * 25, "1.0", "²"]),
        st.text().filter(lambda text: text != "" and not_an_integer(text)),
        *([st.just("")] if form_field.required else []),
    )
    return single(name, valid, bad, str(offered[0]) if form_field.required else "")


def choice_fuzz(name, form_field, refused):
    values = [str(value) for value, _ in form_field.choices if str(value) != ""]
    if not form_field.required:
        values.append("")
    valid = st.sampled_from(values).map(lambda value: (value, plain(form_field.clean(value))))
    unknown = st.text().filter(lambda text: text not in values and (form_field.required or text != ""))
    bad = st.one_of(unknown, *([st.sampled_from(sorted(refused))] if refused else []))
    return single(name, valid, bad, values[0])


def multiple_choice_fuzz(name, form_field, refused):
    """Checkboxes: any of the choices offered (at least one when required), an exclusive one ("None", GOV.UK's
    exclusive checkbox) only alone; never one that is not offered."""
    values = [str(choice[0]) for choice in form_field.choices]
    exclusive = [str(choice[0]) for choice in form_field.choices if getattr(choice, "exclusive", False)]
    others = [value for value in values if value not in exclusive]
    chosen = (
        st.lists(st.sampled_from(others), min_size=int(form_field.required), unique=True) if others else st.just([])
    )
    if exclusive:
        chosen |= st.sampled_from(exclusive).map(lambda value: [value])
    unknown = st.text().filter(lambda text: text not in values)
    bad = st.one_of(
        st.lists(unknown, min_size=1, max_size=3),
        *([st.sampled_from(sorted(refused)).map(lambda value: [value])] if refused else []),
        *([st.just([])] if form_field.required else []),
        *(
            [
                st.builds(
                    lambda picked, alone: [*picked, alone],
                    st.lists(st.sampled_from(others), min_size=1, unique=True),
                    st.sampled_from(exclusive),
                )
            ]
            if exclusive and others
            else []
        ),
    )
    return FieldFuzz(
        valid=chosen.map(lambda picked: ({name: picked}, sorted(picked))),
        bad=bad.map(lambda posted: {name: posted}),
        names=(name,),
        example={name: (others or values)[:1]},
    )


def whole_number_fuzz(name, form_field):
    """A whole number typed in: from the field's least to its most, with spaces around it or not."""
    low, high = form_field.min_value, form_field.max_value
    numbers = st.integers(low, high)
    typed = st.builds(lambda number, before, after: (f"{before}{number}{after}", number), numbers,
                      st.sampled_from(["", " "]), st.sampled_from(["", " "]))  # fmt: skip
    bad = st.one_of(
        st.integers(high + 1, high + 10**30).map(str),
        st.integers(-(10**30), low - 1).map(str),
        st.sampled_from(["", " ", "1.5", "1,0", "one", "+1", "1_0", "²", "٣", "１", "0x1", "1e1", "9" * 5000]),
        st.text().filter(lambda text: not re.fullmatch(r"\s*-?[0-9]+\s*", text)),
        WITH_NUL,
    )
    return single(name, typed, bad, str(low))


# Characters that show nothing (zero-width, word joiners, byte order marks) and ones that reorder the text around them.
INVISIBLE = st.sampled_from(["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"])
BIDI = st.sampled_from(["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069"])
NAME_CHARACTERS = st.characters(exclude_categories=["Cs", "Cc", "Cf"])


def name_fuzz(name, form_field):
    """A person's name: anything visible is a name; nothing but invisible characters, or any character that
    reorders the text, is not."""
    limit = form_field.max_length
    typed = st.text(NAME_CHARACTERS, min_size=1, max_size=limit).filter(lambda text: text.strip())
    bad = st.one_of(
        st.lists(INVISIBLE | BLANK, min_size=1, max_size=5).map("".join),
        st.builds(
            lambda before, control, after: f"{before}{control}{after}",
            st.text(NAME_CHARACTERS, max_size=10),
            BIDI,
            st.text(NAME_CHARACTERS, max_size=10),
        ),
        text_fuzz(name, form_field).bad.map(lambda posted: posted[name]),
    )
    return single(name, typed.map(lambda text: (text, text.strip())), bad, "Fuzz")


def fuzz_fields(form, refused=None):
    """A fuzzer for each of the form's fields, by its kind. refused: values a field must also refuse, by name."""
    refused = refused or {}
    fuzzers = {}
    for name, form_field in form.fields.items():
        also_refused = set(refused.get(name, ()))
        if isinstance(form_field, GovUKDateField):
            fuzzers[name] = date_fuzz(name, form_field)
        elif isinstance(form_field, WholeNumberField):
            fuzzers[name] = whole_number_fuzz(name, form_field)
        elif isinstance(form_field, forms.MultipleChoiceField):
            fuzzers[name] = multiple_choice_fuzz(name, form_field, also_refused)
        elif isinstance(form_field, forms.ModelMultipleChoiceField):
            fuzzers[name] = model_multiple_choice_fuzz(name, form_field)
        elif isinstance(form_field, forms.ModelChoiceField):
            fuzzers[name] = model_choice_fuzz(name, form_field)
        elif isinstance(form_field, forms.ChoiceField):
            fuzzers[name] = choice_fuzz(name, form_field, also_refused)
        elif isinstance(form_field, forms.EmailField):
            fuzzers[name] = email_fuzz(name, form_field, also_refused)
        elif isinstance(form_field, PersonNameField):
            fuzzers[name] = name_fuzz(name, form_field)
        elif isinstance(form_field, forms.CharField) and trn_validator in form_field.validators:
            fuzzers[name] = trn_fuzz(name, also_refused)
        elif isinstance(form_field, forms.CharField):
            fuzzers[name] = text_fuzz(name, form_field)
        else:
            raise AssertionError(f"No fuzzer for {type(form).__name__}.{name} ({type(form_field).__name__}): add one")
    return fuzzers


def revealed_fields(form):
    """Fields that a radio answer reveals (GOV.UK conditional reveal), as {field: (radio field, value)}.

    They matter only with that answer: otherwise they are hidden, and whatever is in them neither blocks nor is kept.
    """
    revealed = {}
    for item in form.helper.layout.fields:
        if isinstance(item, GDSConditionalRadios):
            values = {str(label): str(value) for value, label in form.fields[item.field].choices}
            for choice in item.choices:
                if isinstance(choice, ConditionalQuestion):
                    for layout_field in choice.fields:
                        for name in layout_field.fields:
                            revealed[name] = (item.field, values[choice.value])
    return revealed


def example_of(fuzzers):
    return {name: value for fuzzer in fuzzers.values() for name, value in fuzzer.example.items()}


@dataclass(frozen=True)
class Submission:
    draws: dict  # field name: Draw
    extras: dict  # unknown fields
    revealed: dict

    @property
    def posted(self):
        answers = {name: value for draw in self.draws.values() for name, value in draw.posted.items()}
        return {**self.extras, **answers}

    def relevant(self):
        posted = self.posted
        return {
            name: draw
            for name, draw in self.draws.items()
            if name not in self.revealed or posted.get(self.revealed[name][0]) == self.revealed[name][1]
        }

    def valid_answers(self):
        return {name: draw.cleaned for name, draw in self.relevant().items() if draw.kind == VALID}

    def must_be(self):
        """Whether the form must accept it (True), refuse it (False), or may do either (None)."""
        kinds = {draw.kind for draw in self.relevant().values()}
        if BAD in kinds:
            return False
        return True if kinds <= {VALID} else None


@st.composite
def submissions(draw, fuzzers, revealed):
    # Most submissions tamper with some fields and answer the rest properly; many tamper with none.
    tampered = draw(st.just(frozenset()) | st.frozensets(st.sampled_from(sorted(fuzzers)))) if fuzzers else ()
    draws = {name: draw(fuzzer.draws(name in tampered)) for name, fuzzer in fuzzers.items()}
    posted_names = {name for fuzzer in fuzzers.values() for name in fuzzer.names}
    extras = draw(st.dictionaries(st.sampled_from(TAMPERED_NAMES) | st.text(min_size=1, max_size=20), JUNK, max_size=3))
    extras = {name: value for name, value in extras.items() if name not in posted_names}
    return Submission(draws, extras, revealed)


def plain(value):
    """A model instance as its id, to compare with what was chosen; several chosen, as their ids in order."""
    if isinstance(value, list):
        return sorted(str(plain(item)) for item in value)
    return getattr(value, "pk", value)


WATCHED = [
    Mentor, Mentor.history.model, Membership, Membership.history.model, Email, User,
    Claim, ClaimMentor, GrantConditionsAcceptance, TrainingAllowance,
    TraineeAssignment, TraineeAssignment.history.model,
]  # fmt: skip


def database_state():
    # Sessions are left out: every request may change its own (the school worked in); journeys are checked apart.
    return {model._meta.label: list(model.objects.order_by("pk").values()) for model in WATCHED}


def error_summary(response):
    page = BeautifulSoup(response.content, "html.parser")
    summary = page.select_one(".govuk-error-summary .govuk-error-summary__title")
    if summary is None:
        return None
    assert summary.get_text(strip=True) == "There is a problem"
    return [link.get_text(strip=True) for link in page.select(".govuk-error-summary__list a")]


def nothing():
    return None


@dataclass
class Case:
    """A form to fuzz: where it is, its fields' fuzzers, and what an accepted submission must have done."""

    client: Client
    url: str
    fuzzers: dict
    accepted: object  # accepted(submission, response, before) checks what was done
    method: str = "post"
    revealed: dict = field(default_factory=dict)
    query: st.SearchStrategy = st.just("")  # tampered or extra query strings
    tricky_queries: tuple = ()  # query strings always tried, with the form's example answers
    hidden_state: object = nothing  # what the session keeps between pages
    before_each: object = nothing

    def send(self, data, query=""):
        self.client.cookies.pop("messages", None)  # a message left by the example before
        if self.method == "get":
            return self.client.get(self.url + query, data)
        return self.client.post(self.url + query, urlencode(data, doseq=True), content_type=FORM_ENCODED)


def fuzz(case, record_property):
    outcomes = Counter()

    @FUZZ_SETTINGS
    @given(submission=submissions(case.fuzzers, case.revealed), query=case.query)
    def one_submission(submission, query):
        with transaction.atomic():
            case.before_each()
            mail.outbox.clear()
            before, hidden_before = database_state(), case.hidden_state()
            response = case.send(submission.posted, query)
            must_be = submission.must_be()
            errors = error_summary(response) if response.status_code == 200 else None
            if response.status_code == 400:
                # Django refuses a body over DATA_UPLOAD_MAX_MEMORY_SIZE before any view sees it.
                assert len(urlencode(submission.posted, doseq=True)) > settings.DATA_UPLOAD_MAX_MEMORY_SIZE
                assert database_state() == before
                assert case.hidden_state() == hidden_before
                outcomes["too large"] += 1
            elif errors is not None:
                assert must_be is not True, f"A valid submission was refused: {errors}"
                assert database_state() == before
                assert case.hidden_state() == hidden_before
                outcomes["refused"] += 1
            else:
                assert response.status_code == (200 if case.method == "get" else 302), response
                assert must_be is not False, "An invalid submission was accepted"
                case.accepted(submission, response, before)
                outcomes["accepted"] += 1
            transaction.set_rollback(True)

    # The example answers are any (not valid): only the query is on trial, and the page must not fail.
    answers = Submission({name: Draw(ANY, fuzzer.example) for name, fuzzer in case.fuzzers.items()}, {}, case.revealed)
    for query in case.tricky_queries:
        one_submission = example(submission=answers, query=query)(one_submission)
    one_submission()
    record_property("examples", dict(outcomes))
    # Both properties were exercised, not only one.
    assert outcomes["accepted"] and (outcomes["refused"] or not case.fuzzers), outcomes


# The world the forms are fuzzed in.


@dataclass
class World:
    school: object  # where the coordinator adds, changes and removes mentors
    other_school: object  # where the coordinator is not a member
    coordinator: object
    mentor: object
    provider: object = None  # accredited: the school claims for training with it
    used_up: object = None  # a mentor of the school with no hours left with the provider
    trainee: object = None  # the mentor's, from the provider, a partner of the school

    def signed_in(self):
        client = Client()
        client.force_login(self.coordinator)
        return client


@pytest.fixture
def world(db):
    school = SchoolFactory(name="Oakwood Academy", secondary=True)
    other_school = SchoolFactory(name="Another School", primary=True)
    coordinator = UserFactory(email="coordinator@example.com", password=PASSWORD)
    # A second school, so that there is a school to choose; a primary one, so that there are other phases' choices.
    for coordinated in (school, SchoolFactory(name="Brookfield Primary School", primary=True)):
        MembershipFactory(user=coordinator, school=coordinated)
    MembershipFactory(school=school, role=Membership.Role.LEAD_MENTOR, user=UserFactory(first_name="Tomasz"))
    MembershipFactory(school=other_school, role=Membership.Role.LEAD_MENTOR)
    secondary = {
        "subject": Subject.objects.get(name="Physics"),
        "age_range": AgeRange.objects.get(name="11 to 18"),
        "key_stage": KeyStage.objects.get(name="Key stage 4"),
    }
    mentor = MentorFactory(school=school, trn="2000001", email="mentor@example.com", **secondary)
    # Whose TRN and email address the school's other mentors may not have; another school's mentor's they may.
    MentorFactory(school=school, trn="2000002", email="colleague@example.com", **secondary)
    MentorFactory(school=other_school, trn="2000003", email="elsewhere@example.com")
    # A claim window is open. Another school has claimed 10 of the mentor's 16 hours with the provider this year, and
    # all of another mentor's.
    window = ClaimWindowFactory()
    provider = ProviderFactory(name="Northshire SCITT", code="N1S", postcode="NE1 4AB")
    ProviderFactory(name="Northshire University", code="N2U")
    ProviderFactory(name="Westshire SCITT", code="W1S", accredited=False)
    year = window.academic_year.start_year
    make_claim(hours={MentorFactory(school=other_school, trn=mentor.trn): 10}, provider=provider, start_year=year)
    used_up = MentorFactory(school=school, trn="2000004", email="used.up@example.com", **secondary)
    make_claim(hours={used_up: 16}, provider=provider, start_year=year)
    # The provider is the school's partner; the mentor mentors one of its trainees, from 30 days ago for 60 days more.
    PartnershipFactory(school=school, provider=provider)
    today = timezone.localdate()
    trainee = TraineeAssignmentFactory(
        mentor=mentor, provider=provider, starts_on=today - timedelta(days=30), ends_on=today + timedelta(days=60)
    )
    return World(school, other_school, coordinator, mentor, provider, used_up, trainee)


def taken_details(world, other_than=None):
    """The TRNs and email addresses another of the school's mentors has (in any case, for email addresses)."""
    others = selectors.mentors_of(world.school).exclude(pk=getattr(other_than, "pk", None))
    emails = [email for mentor in others for email in (mentor.email, mentor.email.upper())]
    return {"trn": [mentor.trn for mentor in others], "email": emails}


def form_on(client, url):
    response = client.get(url)
    assert response.status_code == 200, response
    return response.context["form"]


SLUGS = [step.slug for step in STEPS]


def journey_case(world, step):
    client = world.signed_in()
    start = client.get(reverse("mentors:add", kwargs={"urn": world.school.urn}))
    journey_id = str(resolve(start.url).kwargs["journey_id"])

    def journey():
        return AddMentorJourney(None, world.school, journey_id, client.session[SESSION_KEY][journey_id])

    refused = taken_details(world)
    refused["trn"].append(NOT_FOUND_TRN)  # the Database of Qualified Teachers has no such teacher
    for earlier in SLUGS:
        if earlier == step:
            break
        fuzzers = fuzz_fields(form_on(client, journey().url(earlier)), refused)
        assert client.post(journey().url(earlier), example_of(fuzzers)).status_code == 302
    url = journey().url(step)

    if step == CHECK_YOUR_ANSWERS:
        answers = {name: plain(value) for name, value in journey().details().items()}

        def added(submission, response, before):
            assert response.url == reverse(
                "mentors:add-confirmation", kwargs={"urn": world.school.urn, "journey_id": journey_id}
            )
            mentor = Mentor.objects.get(pk=journey().result_id)
            assert {name: plain(getattr(mentor, name)) for name in answers} == answers
            assert (mentor.school, mentor.added_by, mentor.removed_at) == (world.school, world.coordinator, None)
            assert Mentor.objects.count() == len(before["mentors.Mentor"]) + 1
            assert list(Email.objects.exclude(pk__in=[email["id"] for email in before["emails.Email"]])) == [
                Email.objects.get(recipient=mentor.email, kind=Email.Kind.MENTOR_ADDED)
            ]

        return Case(client, url, {}, added, hidden_state=lambda: journey().stored)

    form = form_on(client, url)
    current = journey().step(step)

    def answered(submission, response, before):
        assert database_state() == before  # answers stay in the session until check your answers
        assert response.url.startswith(url.removesuffix(f"{step}/")), response.url
        stored = journey().stored
        assert set(stored) <= set(SLUGS)
        assert set(stored[step]) == set(form.fields)
        kept = journey().checked(current)
        assert kept.is_valid(), kept.errors  # what was kept reads back as a valid answer
        for name, cleaned in submission.valid_answers().items():
            assert plain(kept.cleaned_data[name]) == cleaned

    return Case(
        client,
        url,
        fuzz_fields(form, refused),
        answered,
        revealed=revealed_fields(form),
        query=st.sampled_from(["", "?change"]),
        hidden_state=lambda: journey().stored,
    )


def as_chosen(mentor, name):
    """What the mentor has for the field, as the fuzzer chose it: an id for a choice, the sorted ids for checkboxes
    (or the exclusive "none", for a mentor who offers none)."""
    value = getattr(mentor, name)
    if hasattr(value, "all"):
        chosen = sorted(str(pk) for pk in value.values_list("pk", flat=True))
        return chosen or ([NO_SEND_SUPPORT] if mentor.offers_no_send_support else [])
    return plain(value)


def assert_mentor_is_sound(mentor, school):
    mentor.full_clean()
    assert mentor.subject in selectors.subjects_for_school(school)
    assert mentor.age_range in selectors.age_ranges_for_school(school)
    assert mentor.key_stage in selectors.key_stages_for_school(school, mentor.age_range)
    assert mentor.lead_mentor is None or mentor.lead_mentor in lead_mentors_of(school)


def mentor_row(state, mentor):
    return next(row for row in state["mentors.Mentor"] if row["id"] == mentor.pk)


def change_case(world, page):
    client = world.signed_in()
    mentor = world.mentor
    kwargs = {"urn": world.school.urn, "mentor_id": mentor.pk}
    url = reverse("mentors:change", kwargs={**kwargs, "page": page})
    detail_url = reverse("mentors:detail", kwargs=kwargs)
    form = form_on(client, url)
    revealed = revealed_fields(form)
    changeable = {Mentor._meta.get_field(name).attname for name in form.fields} | {"updated_at", "dqt_status"}
    if "send_support" in form.fields:
        changeable.add("offers_no_send_support")  # the checkboxes' exclusive "None"
    # A new age range the key stage page is asked for: only the school's own are, so these must be ignored.
    age_range_field = forms.ModelChoiceField(queryset=selectors.age_ranges_for_school(world.school))
    tampered_age_range = model_choice_fuzz(PENDING_AGE_RANGE, age_range_field).bad

    def in_query(age_range):
        return "?" + urlencode({PENDING_AGE_RANGE: age_range})

    def changed(submission, response, before):
        if response.url != detail_url:
            # A new age range asks for a key stage it offers before anything is saved.
            assert response.url.startswith(reverse("mentors:change", kwargs={**kwargs, "page": "key-stage"}))
            assert database_state() == before
            return
        after = Mentor.objects.get(pk=mentor.pk)
        old, new = mentor_row(before, mentor), mentor_row(database_state(), mentor)
        assert {name for name in new if new[name] != old[name]} <= changeable
        for name, cleaned in submission.valid_answers().items():
            assert as_chosen(after, name) == cleaned
        for name in set(revealed) - set(submission.relevant()):
            assert getattr(after, name) in ("", None)  # what a hidden question held is not kept
        assert_mentor_is_sound(after, world.school)

    return Case(
        client,
        url,
        fuzz_fields(form, taken_details(world, other_than=mentor)),
        changed,
        revealed=revealed,
        query=st.just("") | tampered_age_range.map(in_query),
        tricky_queries=tuple(map(in_query, TRICKY_IDS)),
    )


def remove_case(world):
    client = world.signed_in()
    mentor = world.mentor
    url = reverse("mentors:remove", kwargs={"urn": world.school.urn, "mentor_id": mentor.pk})
    form = form_on(client, url)
    revealed = revealed_fields(form)

    def removed(submission, response, before):
        assert response.url == reverse("mentors:list", kwargs={"urn": world.school.urn})
        after = Mentor.objects.get(pk=mentor.pk)
        assert after.removed_at is not None and after.removed_by == world.coordinator
        answers = submission.valid_answers()
        if "reason" in answers:
            assert after.removal_reason == answers["reason"]
        if "reason_details" in answers:
            assert after.removal_reason_details == answers["reason_details"]
        if "reason_details" not in submission.relevant():
            assert after.removal_reason_details == ""
        new_emails = Email.objects.exclude(pk__in=[email["id"] for email in before["emails.Email"]])
        assert [(email.recipient, email.kind) for email in new_emails] == [(mentor.email, Email.Kind.MENTOR_REMOVED)]

    return Case(client, url, fuzz_fields(form), removed, revealed=revealed)


def trainee_case(world, page):
    """Adding a trainee to the mentor, or changing the world's trainee: the start up to today and the end after it,
    so that any two valid dates are in order (an end before the start is the form's own error, tested apart)."""
    client = world.signed_in()
    kwargs = {"urn": world.school.urn, "mentor_id": world.mentor.pk}
    if page != "trainee-add":
        kwargs["trainee_id"] = world.trainee.pk
    url = reverse(f"mentors:{page}", kwargs=kwargs)
    form = form_on(client, url)
    today = timezone.localdate()
    fuzzers = fuzz_fields(form)
    fuzzers["starts_on"] = date_fuzz("starts_on", form.fields["starts_on"], within=(date(1900, 1, 1), today))
    fuzzers["ends_on"] = date_fuzz(
        "ends_on", form.fields["ends_on"], within=(today + timedelta(days=1), date(9999, 12, 31))
    )

    def saved(submission, response, before):
        detail = {"urn": world.school.urn, "mentor_id": world.mentor.pk}
        assert response.url == reverse("mentors:detail", kwargs=detail) + "#trainees"
        counted = len(before["mentors.TraineeAssignment"]) + (page == "trainee-add")
        assert TraineeAssignment.objects.count() == counted
        trainee = TraineeAssignment.objects.latest("updated_at")
        for name, cleaned in submission.valid_answers().items():
            assert plain(getattr(trainee, name)) == cleaned
        trainee.full_clean()

    return Case(client, url, fuzzers, saved)


def end_trainee_case(world):
    client = world.signed_in()
    kwargs = {"urn": world.school.urn, "mentor_id": world.mentor.pk}
    url = reverse("mentors:trainee-end", kwargs=kwargs | {"trainee_id": world.trainee.pk})
    form = form_on(client, url)
    fuzzers = fuzz_fields(form)
    # Another day must be given, after the start and no later than the end planned.
    within = (world.trainee.starts_on + timedelta(days=1), world.trainee.ends_on)
    dated = date_fuzz("ends_on", form.fields["ends_on"], within=within)
    fuzzers["ends_on"] = replace(dated, valid=dated.valid.filter(lambda pair: pair[1] is not None))

    def ended(submission, response, before):
        assert response.url == reverse("mentors:detail", kwargs=kwargs) + "#trainees"
        trainee = TraineeAssignment.objects.get(pk=world.trainee.pk)
        answers = submission.valid_answers()
        expected = answers.get("ends_on") if answers.get("ended") == "another_day" else timezone.localdate()
        assert trainee.ends_on == expected

    return Case(client, url, fuzzers, ended, revealed=revealed_fields(form))


def provider_search_case(world):
    client = Client()
    client.force_login(ProviderMembershipFactory(provider=world.provider).user)
    url = reverse("mentors:provider-search", kwargs={"code": world.provider.code})
    response = client.get(url)

    def searched(submission, response, before):
        assert database_state() == before

    return Case(client, url, fuzz_fields(response.context["search"]), searched, method="get")


def search_case(world):
    client = world.signed_in()
    url = reverse("mentors:list", kwargs={"urn": world.school.urn})
    response = client.get(url)

    def searched(submission, response, before):
        assert database_state() == before

    return Case(client, url, fuzz_fields(response.context["search"]), searched, method="get")


def report_filters_case(world):
    """The funding report's filters (academic year, region, phase: the mentors report's are the same but the year),
    as DfE's staff use them."""
    client = Client()
    client.force_login(UserFactory(is_staff=True))
    url = reverse("reports:funding")
    response = client.get(url)

    def filtered(submission, response, before):
        assert database_state() == before

    return Case(client, url, fuzz_fields(response.context["form"]), filtered, method="get")


def choose_organisation_case(world):
    client = world.signed_in()
    url = reverse("organisations:change")
    form = form_on(client, url)

    def chosen(submission, response, before):
        assert database_state() == before
        urns = {membership.school.urn for membership in world.coordinator.memberships.all()}
        assert resolve(response.url).url_name == "home" and resolve(response.url).kwargs["urn"] in urns
        if submission.draws["organisation"].kind == VALID:
            assert f"school:{resolve(response.url).kwargs['urn']}" == submission.draws["organisation"].cleaned

    refused = {"organisation": [f"school:{world.other_school.urn}", f"provider:{world.provider.code}"]}
    return Case(client, url, fuzz_fields(form, refused), chosen)


def add_provider_case(world):
    """The add-provider journey's search (its results page is the claim journey's, fuzzed there)."""
    client = world.signed_in()
    Partnership.objects.filter(school=world.school).delete()  # so that adding any accredited provider is valid
    start = client.get(reverse("partnerships:add", kwargs={"urn": world.school.urn}))
    url = start.url
    journey_id = str(resolve(url).kwargs["journey_id"])

    def answered(submission, response, before):
        assert database_state() == before  # answers stay in the session until the confirm page
        assert response.url.startswith(url.removesuffix(f"{SEARCH}/")), response.url

    return Case(
        client,
        url,
        provider_search_fuzz(world),
        answered,
        hidden_state=lambda: client.session[SESSION_KEY][journey_id]["answers"],
    )


def remove_provider_case(world):
    client = world.signed_in()
    url = reverse("partnerships:remove", kwargs={"urn": world.school.urn, "code": world.provider.code})

    def removed(submission, response, before):
        assert response.url == reverse("partnerships:list", kwargs={"urn": world.school.urn})
        assert not Partnership.objects.filter(school=world.school).exists()

    return Case(client, url, {}, removed)


def partner_mentor_search_case(world):
    """A provider's search of a partner school's mentors."""
    client = Client()
    client.force_login(ProviderMembershipFactory(provider=world.provider).user)
    url = reverse("providers:school", kwargs={"code": world.provider.code, "urn": world.school.urn})
    response = client.get(url)

    def searched(submission, response, before):
        assert database_state() == before

    return Case(client, url, fuzz_fields(response.context["search"]), searched, method="get")


def sign_in_case(world):
    client = Client()
    email = world.coordinator.email
    fuzzers = {
        "username": single(
            "username",
            st.sampled_from([email, email.upper(), f"  {email} "]).map(lambda typed: (typed, None)),
            st.one_of(
                st.sampled_from(["nobody@example.com", "coordinator@example", "not-an-email", "", f"{email}\x00"]),
                st.text().filter(lambda text: "@" not in text),
            ),
            email,
        ),
        "password": single(
            "password",
            st.just((PASSWORD, None)),
            st.one_of(
                st.sampled_from(
                    ["", PASSWORD.upper(), f"{PASSWORD} ", f" {PASSWORD}", PASSWORD[:-1], f"{PASSWORD}\x00"]
                ),
                st.text().filter(lambda text: text != PASSWORD),
            ),
            PASSWORD,
        ),
    }

    def signed_in(submission, response, before):
        assert client.session["_auth_user_id"] == str(world.coordinator.pk)
        assert url_has_allowed_host_and_scheme(response.url, allowed_hosts={"testserver"}), response.url

    def as_a_new_visitor():
        # A failed attempt is kept (django-axes) only until the example's rollback, so none locks the next out.
        client.cookies.pop(settings.SESSION_COOKIE_NAME, None)

    return Case(client, reverse("accounts:sign-in"), fuzzers, signed_in, before_each=as_a_new_visitor)


def password_reset_case(world):
    client = Client()
    url = reverse("accounts:password-reset")

    def link_sent(submission, response, before):
        assert response.url == reverse("accounts:password-reset-sent")
        after = database_state()
        new_emails = [email for email in after["emails.Email"] if email not in before["emails.Email"]]
        assert [(email["recipient"], email["kind"]) for email in new_emails] in (
            [],
            [(world.coordinator.email, Email.Kind.PASSWORD_RESET)],
        )
        assert {**after, "emails.Email": []} == {**before, "emails.Email": []}

    return Case(client, url, fuzz_fields(form_on(client, url)), link_sent)


# Passwords made of these words are long, uncommon, not numeric and unlike the user's name or email address.
PASSWORD_WORDS = ["fjord", "quiz", "jukebox", "whiff", "buzz", "kiwi", "vivid", "jiffy", "gusty", "hubbub"]


def set_password_case(world):
    user = world.coordinator
    client = Client()
    link = reverse(
        "accounts:password-reset-confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    url = client.get(link).url  # the link keeps its token in the session, and opens the form without it
    form_on(client, url)
    strong = st.lists(st.sampled_from(PASSWORD_WORDS), min_size=4, max_size=6).map("-".join)
    weak = ["short", "12345678901", "password123", "qwertyuiop", user.email, "coordinator", ""]
    both = ("new_password1", "new_password2")
    fuzzers = {
        "new_password": FieldFuzz(
            valid=strong.map(lambda password: (dict.fromkeys(both, password), password)),
            bad=st.one_of(
                st.tuples(strong, strong)
                .filter(lambda pair: pair[0] != pair[1])
                .map(lambda pair: dict(zip(both, pair, strict=True))),
                st.sampled_from(weak).map(lambda password: dict.fromkeys(both, password)),
                strong.map(lambda password: dict.fromkeys(both, f"{password}\x00")),
            ),
            names=both,
            example=dict.fromkeys(both, "fjord-quiz-jukebox-whiff"),
        )
    }

    def password_set(submission, response, before):
        assert response.url == reverse("accounts:password-reset-complete")
        user.refresh_from_db()
        assert user.check_password(submission.posted["new_password1"])

    return Case(client, url, fuzzers, password_set)


# The add-claim journey's questions, answered to reach a later one: the provider searched for without JavaScript,
# then chosen from its results, the world's mentor, 3 hours of the 6 left, and confirmed ("hours" is their question).
CLAIM_SLUGS = [SEARCH, RESULTS, CLAIM_MENTORS, "hours", CLAIM_CONFIRM]


def claim_answers(world):
    return {
        SEARCH: {"provider": "Northshire SCITT"},
        RESULTS: {"provider": world.provider.code},
        CLAIM_MENTORS: {"mentors": [str(world.mentor.pk)]},
        "hours": {"hours": "another", "other_hours": "3"},
        CLAIM_CONFIRM: {"confirmed": [CONFIRMED]},
    }


def provider_search_fuzz(world):
    """The provider search: what finds an accredited provider (part of a name, a code, a postcode) is valid, with
    or without a code filled in by the autocomplete; what finds none (or only a provider no longer accredited) is
    not."""
    found = ["Northshire SCITT", "Northshire", "northshire scitt", " SCITT ", "N1S", "n2u", "NE1 4AB", "ne14ab"]
    search = single(
        "provider",
        st.sampled_from(found).map(lambda typed: (typed, typed.strip())),
        st.one_of(
            st.sampled_from(["Westshire SCITT", "W1S", "No provider is called this", "", "   "]),
            WITH_NUL,
            st.integers(256, 300).map(lambda length: "N" * length),
        ),
        "Northshire SCITT",
    )
    # The code the autocomplete fills in: any other (tampered, too long, a NUL) is ignored, never an error.
    code = single(
        "provider_code", st.sampled_from(["", "N1S", "n1s", "N2U", "W1S", "ZZZ"]).map(lambda code: (code, code)),
        st.nothing(), "",
    )  # fmt: skip
    return {"provider": search, "provider_code": code}


def claim_case(world, step):
    client = world.signed_in()
    accept_grant_conditions(school=world.school, accepted_by=world.coordinator)
    start = client.get(reverse("claims:add", kwargs={"urn": world.school.urn}))
    journey_id = str(resolve(start.url).kwargs["journey_id"])

    def journey():
        return AddClaimJourney(None, world.school, journey_id, client.session[SESSION_KEY][journey_id])

    def url(slug):
        return journey().url(f"{HOURS_PREFIX}{world.mentor.pk}" if slug == "hours" else slug)

    answers = claim_answers(world)
    for earlier in CLAIM_SLUGS:
        if earlier == step:
            break
        assert (
            client.post(url(earlier), urlencode(answers[earlier], doseq=True), content_type=FORM_ENCODED).status_code
            == 302
        )

    if step == CHECK_YOUR_ANSWERS:

        def claimed(submission, response, before):
            assert response.url == journey().confirmation_url()
            claim = Claim.objects.get(pk=journey().result_id)
            assert (claim.school, claim.provider, claim.submitted_by) == (
                world.school,
                world.provider,
                world.coordinator,
            )
            assert list(claim.mentors.values_list("mentor", "hours")) == [(world.mentor.pk, 3)]
            assert Claim.objects.count() == len(before["claims.Claim"]) + 1
            new_emails = Email.objects.exclude(pk__in=[email["id"] for email in before["emails.Email"]])
            assert [(email.recipient, email.kind) for email in new_emails] == [
                (world.coordinator.email, Email.Kind.CLAIM_SUBMITTED)
            ]

        return Case(client, url(CHECK_YOUR_ANSWERS), {}, claimed, hidden_state=lambda: journey().stored)

    form = form_on(client, url(step))
    slug = journey().step(url(step).rstrip("/").rsplit("/", 1)[-1]).slug
    if step == SEARCH:
        fuzzers = provider_search_fuzz(world)
    else:
        other_schools_mentor = MentorFactory(school=world.other_school)
        fuzzers = fuzz_fields(form, {"mentors": [str(world.used_up.pk), str(other_schools_mentor.pk)]})

    def answered(submission, response, before):
        assert database_state() == before  # answers stay in the session until check your answers
        assert response.url.startswith(url(CHECK_YOUR_ANSWERS).removesuffix("check-your-answers/")), response.url
        stored = journey().stored
        assert set(stored[slug]) == set(form.fields)
        kept = journey().checked(journey().step(slug))
        assert kept.is_valid(), kept.errors  # what was kept reads back as a valid answer
        for name, cleaned in submission.valid_answers().items():
            assert plain(kept.cleaned_data[name]) == cleaned

    return Case(
        client,
        url(step),
        fuzzers,
        answered,
        revealed=revealed_fields(form),
        query=st.sampled_from(["", "?change"]),
        hidden_state=lambda: journey().stored,
    )


def grant_conditions_case(world):
    client = world.signed_in()
    url = reverse("claims:grant-conditions", kwargs={"urn": world.school.urn})
    form_page = client.get(url)
    assert form_page.status_code == 200

    def accepted(submission, response, before):
        assert response.url == reverse("claims:list", kwargs={"urn": world.school.urn})
        assert GrantConditionsAcceptance.objects.get(school=world.school).accepted_by == world.coordinator

    return Case(client, url, {}, accepted)


def submit_draft_case(world):
    """A coordinator submits the draft claim support staff made for the school: no question, only unknown fields."""
    accept_grant_conditions(school=world.school, accepted_by=world.coordinator)
    draft = create_draft_claim(
        school=world.school, provider=world.provider, hours={world.mentor: 6}, created_by=world.coordinator
    )
    client = world.signed_in()
    url = reverse("claims:submit-draft", kwargs={"urn": world.school.urn, "claim_id": draft.pk})
    assert client.get(url).status_code == 200

    def submitted(submission, response, before):
        assert response.url == reverse("claims:detail", kwargs={"urn": world.school.urn, "claim_id": draft.pk})
        draft.refresh_from_db()
        assert draft.status == Claim.Status.SUBMITTED and draft.submitted_by == world.coordinator

    return Case(client, url, {}, submitted)


def _required_when_revealed(fuzzers, names):
    """Fields the form requires when their radio answer reveals them (a reason for a no): blank is not valid."""
    for name in names:
        fuzzers[name] = replace(fuzzers[name], valid=fuzzers[name].valid.filter(lambda pair: str(pair[1]).strip()))
    return fuzzers


def _claim_in(world, status, provider):
    claim = make_claim(
        hours={MentorFactory(school=world.school): 10, MentorFactory(school=world.school): 6},
        provider=provider,
        status=status,
    )
    Claim.objects.filter(pk=claim.pk).update(audit_requested_at=timezone.now())
    return claim


def respond_case(world):
    """A school's response to its provider's rejection of hours."""
    claim = _claim_in(world, Claim.Status.REJECTED_BY_PROVIDER, ProviderFactory())
    ClaimMentor.objects.filter(claim=claim).update(hours_confirmed=False, not_confirmed_reason="No record")
    client = world.signed_in()
    url = reverse("claims:respond", kwargs={"urn": world.school.urn, "claim_id": claim.pk})
    form = form_on(client, url)

    def responded(submission, response, before):
        assert response.url == reverse("claims:detail", kwargs={"urn": world.school.urn, "claim_id": claim.pk})
        claim.refresh_from_db()
        answers = submission.valid_answers()
        if answers["response"] == "accept":
            assert claim.status == Claim.Status.CLAWBACK_AWAITING_APPROVAL
        else:
            assert claim.status == Claim.Status.REJECTED_BY_SCHOOL
            # An explanation of any kind the form took (not only one drawn as valid) is kept as written, trimmed.
            explanation = submission.draws["explanation"]
            said = explanation.cleaned if explanation.kind == VALID else explanation.posted["explanation"].strip()
            assert claim.activities.get(transition="school_disputes").note == said

    fuzzers = _required_when_revealed(fuzz_fields(form), ["explanation"])
    return Case(client, url, fuzzers, responded, revealed=revealed_fields(form))


def provider_audit_case(world):
    """A provider's audit of a claim: each mentor's hours confirmed, or not with a reason."""
    provider = ProviderFactory()
    claim = _claim_in(world, Claim.Status.AUDIT_REQUESTED, provider)
    client = Client()
    client.force_login(ProviderMembershipFactory(provider=provider).user)
    url = reverse("claims:provider-claim", kwargs={"code": provider.code, "claim_id": claim.pk})
    form = form_on(client, url)

    def audited(submission, response, before):
        assert response.url == reverse("claims:provider-list", kwargs={"code": provider.code})
        claim.refresh_from_db()
        answers = submission.valid_answers()
        confirmed = [value for name, value in answers.items() if name.startswith("confirm_")]
        assert claim.status == (Claim.Status.PAID if all(confirmed) else Claim.Status.REJECTED_BY_PROVIDER)

    fuzzers = fuzz_fields(form)
    fuzzers = _required_when_revealed(fuzzers, [name for name in fuzzers if name.startswith("reason_")])
    return Case(client, url, fuzzers, audited, revealed=revealed_fields(form))


CASES = {
    "respond-to-provider": respond_case,
    "provider-audit": provider_audit_case,
    **{
        f"add-claim/{step}": (lambda world, step=step: claim_case(world, step))
        for step in [*CLAIM_SLUGS, CHECK_YOUR_ANSWERS]
    },
    "grant-conditions": grant_conditions_case,
    "submit-draft-claim": submit_draft_case,
    **{
        f"add-mentor/{step}": (lambda world, step=step: journey_case(world, step))
        for step in [*SLUGS, CHECK_YOUR_ANSWERS]
    },
    **{f"change-mentor/{page}": (lambda world, page=page: change_case(world, page)) for page in CHANGE_PAGES},
    "remove-mentor": remove_case,
    "mentor-search": search_case,
    "choose-organisation": choose_organisation_case,
    "add-provider/provider": add_provider_case,
    "remove-provider": remove_provider_case,
    "partner-mentor-search": partner_mentor_search_case,
    **{page: (lambda world, page=page: trainee_case(world, page)) for page in ("trainee-add", "trainee-change")},
    "trainee-end": end_trainee_case,
    "provider-mentor-search": provider_search_case,
    "report-filters": report_filters_case,
    "sign-in": sign_in_case,
    "password-reset": password_reset_case,
    "set-new-password": set_password_case,
}


@pytest.mark.parametrize("form", CASES)
def test_fuzzed_form(world, form, record_property):
    fuzz(CASES[form](world), record_property)


# Searches and filters: read-only forms sent with GET, which no CSRF token guards.
SEARCHES = ("mentor-search", "partner-mentor-search", "provider-mentor-search", "report-filters")


@pytest.mark.parametrize("form", [name for name in CASES if name not in SEARCHES])
def test_a_tampered_csrf_token_is_refused(world, form):
    case = CASES[form](world)
    answers = example_of(case.fuzzers)
    case.client.handler.enforce_csrf_checks = True
    case.client.get(case.url)  # sets the CSRF cookie, as a browser would have it

    @hypothesis_settings(FUZZ_SETTINGS, max_examples=CSRF_EXAMPLES)
    @given(token=st.none() | JUNK | st.text("abcdefghijklmnopqrstuvwxyz0123456789", min_size=32, max_size=64))
    def tampered(token):
        with transaction.atomic():
            case.before_each()
            before, hidden_before = database_state(), case.hidden_state()
            data = answers if token is None else {**answers, "csrfmiddlewaretoken": token}
            assert case.send(data).status_code == 403
            assert database_state() == before
            assert case.hidden_state() == hidden_before
            transaction.set_rollback(True)

    tampered()
    # The right token lets the same submission through: it was the token that was refused.
    token = case.client.cookies[settings.CSRF_COOKIE_NAME].value
    assert case.send({**answers, "csrfmiddlewaretoken": token}).status_code == 302
