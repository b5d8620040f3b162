"""Volume data at national scale for benchmarks: GIAS-like schools, their mentors, users and history.

Everything it creates is recognisable, so it never touches other rows: schools have seven-digit URNs (GIAS's are six
digits, the demo schools' 999001 and 999002), and every email address, of users and mentors, ends in .volume.example.
"""

import copy
import random
import re
import secrets
import time
import unicodedata
from collections import Counter
from datetime import date
from itertools import accumulate

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from tqdm import tqdm

from claims.selectors import funding_region_finder
from claims.volume import ClaimsSeeding, delete_volume_claims
from mentors.models import TRN_LENGTH, DQTStatus, Mentor, RemovalReason
from reference_data import selectors as reference_lists
from schools.models import Membership, School
from schools.selectors import service_phases

FIRST_URN = 9_000_000
LAST_URN = 9_999_999
# .example is reserved (RFC 2606): no email to these addresses can reach anyone.
EMAIL_DOMAIN = "volume.example"
LARGEST_SCHOOL_COORDINATOR_EMAIL = f"coordinator@largest.{EMAIL_DOMAIN}"
DEFAULT_SEED = 1
BATCH_SIZE = 5000

# How many mentors schools have: most 0 to 10, some 11 to 100, and one school in 10,000 (at least one) 300 or more,
# which the benchmarks use as "a 300-mentor school".
LARGE_SCHOOL_MENTORS = 300
SCHOOLS_PER_LARGE_SCHOOL = 10_000
MEDIUM_SCHOOL_SHARE = 0.02
MEDIUM_SCHOOLS_MENTOR_SHARE = 0.3
SMALL_SCHOOL_MENTORS = 10
SCHOOLS_TAKING_TRAINEES_SHARE = 0.7
# Sizes of school by their number of mentors, for the summary: (label, at least).
SIZES = [("0", 0), ("1 to 10", 1), ("11 to 100", 11), ("101 to 299", 101), ("300 or more", LARGE_SCHOOL_MENTORS)]

REMOVED_SHARE = 0.05
ADDITIONAL_DETAILS_SHARE = 0.35
LEAD_MENTOR_SCHOOL_SHARE = 0.3
LEAD_MENTOR_MIN_MENTORS = 5
LED_MENTOR_SHARE = 0.6

# Each GIAS phase: its weight among schools, its usual statutory ages and how its schools' names end.
GIAS_PHASES = {
    School.GiasPhase.NOT_APPLICABLE: (
        20,
        [(2, 19), (3, 11), (5, 16), (7, 18), (11, 16), (11, 18), (None, None)],
        ["Special School", "School", "Preparatory School", "Independent School", "Academy"],
    ),
    School.GiasPhase.NURSERY: (3, [(2, 5), (3, 5), (2, 4)], ["Nursery School", "Early Years Centre"]),
    School.GiasPhase.PRIMARY: (
        50,
        [(4, 11), (3, 11), (4, 7), (7, 11), (2, 11)],
        ["Primary School", "Primary Academy", "Community Primary School"],
    ),
    School.GiasPhase.MIDDLE_DEEMED_PRIMARY: (1, [(8, 12), (9, 13), (8, 13)], ["Middle School"]),
    School.GiasPhase.SECONDARY: (
        14,
        [(11, 16), (11, 18), (13, 18), (14, 19)],
        ["High School", "Academy", "Secondary School", "School", "Community College", "Grammar School"],
    ),
    School.GiasPhase.MIDDLE_DEEMED_SECONDARY: (1, [(9, 13), (10, 14), (9, 14)], ["Middle School"]),
    School.GiasPhase.SIXTEEN_PLUS: (4, [(16, 19), (16, 18)], ["Sixth Form College", "College", "Sixth Form Centre"]),
    School.GiasPhase.ALL_THROUGH: (3, [(3, 18), (4, 18), (4, 16), (2, 19)], ["All-through School", "Academy"]),
}
# Primary schools for the youngest or the oldest pupils only say so.
ENDINGS_BY_AGES = {(4, 7): "Infant School", (7, 11): "Junior School", (2, 11): "Primary and Nursery School"}
# Where the school may be one of a few hundred pupils: a 300-mentor school is one of these.
LARGE_SCHOOL_PHASES = {School.GiasPhase.SECONDARY, School.GiasPhase.ALL_THROUGH}

MAINTAINED = [(1, "Community school"), (2, "Voluntary aided school"), (3, "Voluntary controlled school")]
ACADEMIES = [(34, "Academy converter"), (28, "Academy sponsor led"), (35, "Free schools")]
ESTABLISHMENT_TYPES = {
    School.GiasPhase.NOT_APPLICABLE: [
        (11, "Other independent school"),
        (10, "Other independent special school"),
        (7, "Community special school"),
        (44, "Academy special converter"),
    ],
    School.GiasPhase.NURSERY: [(15, "Local authority nursery school")],
    School.GiasPhase.PRIMARY: MAINTAINED + ACADEMIES,
    School.GiasPhase.MIDDLE_DEEMED_PRIMARY: MAINTAINED + ACADEMIES,
    School.GiasPhase.SECONDARY: MAINTAINED + ACADEMIES + [(5, "Foundation school")],
    School.GiasPhase.MIDDLE_DEEMED_SECONDARY: MAINTAINED + ACADEMIES,
    School.GiasPhase.SIXTEEN_PLUS: [(18, "Further education"), (39, "Free schools 16 to 19")],
    School.GiasPhase.ALL_THROUGH: ACADEMIES + [(11, "Other independent school")],
}
# GIAS establishment statuses (code, name), and their weights; only 1 and 3 are open (schools.gias.OPEN_STATUSES).
ESTABLISHMENT_STATUSES = {(1, "Open"): 90, (3, "Open, but proposed to close"): 3, (2, "Closed"): 7}
OPEN_STATUS_CODES = {1, 3}

# (local authority, town, region, postcode area)
PLACES = [
    ("Leeds", "Leeds", "Yorkshire and the Humber", "LS"),
    ("Sheffield", "Sheffield", "Yorkshire and the Humber", "S"),
    ("North Yorkshire", "Harrogate", "Yorkshire and the Humber", "HG"),
    ("Birmingham", "Birmingham", "West Midlands", "B"),
    ("Staffordshire", "Stafford", "West Midlands", "ST"),
    ("Manchester", "Manchester", "North West", "M"),
    ("Liverpool", "Liverpool", "North West", "L"),
    ("Cumberland", "Carlisle", "North West", "CA"),
    ("Newcastle upon Tyne", "Newcastle upon Tyne", "North East", "NE"),
    ("County Durham", "Durham", "North East", "DH"),
    ("Nottingham", "Nottingham", "East Midlands", "NG"),
    ("Lincolnshire", "Lincoln", "East Midlands", "LN"),
    ("Leicester", "Leicester", "East Midlands", "LE"),
    ("Norfolk", "Norwich", "East of England", "NR"),
    ("Hertfordshire", "Bishop's Stortford", "East of England", "CM"),
    ("Essex", "Chelmsford", "East of England", "CM"),
    ("Camden", "London", "London", "NW"),
    ("Tower Hamlets", "London", "London", "E"),
    ("Southwark", "London", "London", "SE"),
    ("Ealing", "London", "London", "W"),
    ("Kent", "Maidstone", "South East", "ME"),
    ("Kent", "Canterbury", "South East", "CT"),
    ("Hampshire", "Winchester", "South East", "SO"),
    ("Oxfordshire", "Oxford", "South East", "OX"),
    ("Bristol, City of", "Bristol", "South West", "BS"),
    ("Devon", "Exeter", "South West", "EX"),
    ("Cornwall", "Truro", "South West", "TR"),
]
# GIAS's DistrictAdministrative code of each place (local authority, town), from which its funding region comes:
# Inner London's, a Fringe district (East Hertfordshire), and the rest of England.
DISTRICT_CODES = {
    ("Leeds", "Leeds"): "E08000035",
    ("Sheffield", "Sheffield"): "E08000039",
    ("North Yorkshire", "Harrogate"): "E06000065",
    ("Birmingham", "Birmingham"): "E08000025",
    ("Staffordshire", "Stafford"): "E07000197",
    ("Manchester", "Manchester"): "E08000003",
    ("Liverpool", "Liverpool"): "E08000012",
    ("Cumberland", "Carlisle"): "E06000063",
    ("Newcastle upon Tyne", "Newcastle upon Tyne"): "E08000021",
    ("County Durham", "Durham"): "E06000047",
    ("Nottingham", "Nottingham"): "E06000018",
    ("Lincolnshire", "Lincoln"): "E07000138",
    ("Leicester", "Leicester"): "E06000016",
    ("Norfolk", "Norwich"): "E07000148",
    ("Hertfordshire", "Bishop's Stortford"): "E07000242",
    ("Essex", "Chelmsford"): "E07000070",
    ("Camden", "London"): "E09000007",
    ("Tower Hamlets", "London"): "E09000030",
    ("Southwark", "London"): "E09000028",
    ("Ealing", "London"): "E09000009",
    ("Kent", "Maidstone"): "E07000110",
    ("Kent", "Canterbury"): "E07000106",
    ("Hampshire", "Winchester"): "E07000094",
    ("Oxfordshire", "Oxford"): "E07000178",
    ("Bristol, City of", "Bristol"): "E06000023",
    ("Devon", "Exeter"): "E07000041",
    ("Cornwall", "Truro"): "E06000052",
}
POSTCODE_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"

SAINTS = (
    "St Mary's, St John's, St Peter's, St Joseph's, St Anne's, St Michael's, All Saints, Holy Trinity, "
    "Holy Family, Our Lady of Lourdes, St Thomas More, Christ Church, St Augustine's"
).split(", ")
DENOMINATIONS = ["Church of England", "CofE", "C of E", "Catholic", "Roman Catholic", "Methodist", ""]
PLACE_NAMES = (
    "Oakfield, Brookfield, Meadowside, Westfield, Hillcrest, Riverside, Kingsway, Greenacres, Northgate, "
    "Park View, Beechwood, Elmhurst, Fairfield, Highfield, Moorside, Woodlands, Ashgrove, Castle Hill, "
    "Millbrook, Ravenscliffe, Queensbury, Abbey Grange"
).split(", ")

FIRST_NAMES = (
    "Oliver, Amelia, Mohammed, Olivia, George, Isla, Noah, Ava, Jack, Emily, Harry, Sophia, Leo, Grace, "
    "Oscar, Mia, Charlie, Poppy, Muhammad, Aisha, Priya, Ravi, Fatima, Yusuf, Hannah, James, Sarah, "
    "David, Rebecca, Thomas, Laura, Daniel, Rachel, Michael, Emma, Christopher, Claire, Andrew, Helen, "
    "Kwame, Adaeze, Chidi, Mei, Wei, Anika, Sanjay, Gurpreet, Tomasz, Katarzyna, Rhys, Cerys, Aoife, "
    "Zoë, Siân, Łukasz, Chloë, Renée, José, Małgorzata, Bartłomiej, Søren, Björn, Zoltán, Inés, Hélène, "
    "Jérôme, Seán, Róisín, Siobhán, Ayşe"
).split(", ")
LAST_NAMES = (
    "Smith, Jones, Williams, Taylor, Brown, Davies, Evans, Wilson, Thomas, Johnson, Roberts, Robinson, "
    "Thompson, Wright, Walker, White, Edwards, Hughes, Green, Hall, Lewis, Harris, Clarke, Patel, Khan, "
    "Ahmed, Ali, Hussain, Begum, Singh, Kaur, Shah, Nguyen, Chen, Okafor, Adeyemi, Mensah, Nowak, "
    "Kowalski, Murphy, Kelly, O'Brien, O'Connor, McCarthy, de Souza, da Silva, van der Berg, "
    "Smith-Jones, Ögren, Núñez, Müller, García, Fernández, Wiśniewski, Wójcik, Dvořák, Öztürk, Çelik, "
    "Lefèvre, Brontë"
).split(", ")
# Names with letters beyond ASCII, a third as common as the others: about one person in five has one.
FIRST_NAME_WEIGHTS = list(accumulate(3 if name.isascii() else 1 for name in FIRST_NAMES))
LAST_NAME_WEIGHTS = list(accumulate(3 if name.isascii() else 1 for name in LAST_NAMES))
# Letters that do not decompose into an ASCII letter and an accent.
ASCII_LETTERS = str.maketrans({"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "ß": "ss", "đ": "d"})

# Additional details are in the past: fixed dates keep two runs with the same seed the same.
EARLIEST_QUALIFIED = date(1985, 7, 31).toordinal()
LATEST_QUALIFIED = date(2024, 7, 31).toordinal()
LATEST_STARTED_MENTORING = date(2025, 9, 1).toordinal()
QUALIFICATIONS = [
    "PGCE with QTS, University of Leeds",
    "BEd (Hons) Primary Education with QTS",
    "School Direct (salaried) with QTS",
    "Teach First: PGDE with QTS",
    "BA (Hons) Mathematics; PGCE, UCL Institute of Education",
    "Assessment only route to QTS",
]
PROVIDER_TRAINING = [
    "",
    "Completed the provider's two days of mentor training",
    "General mentor training, and the provider's refresher each September",
    "Intensive training and practice (ITAP) mentor training",
]
SEND_TRAINING_DETAILS = ["Level 3 SENCO award", "Autism awareness training with the local authority"]
SUBJECT_NETWORKS = [
    "",
    "Chartered College of Teaching",
    "Association for Science Education",
    "National Association for the Teaching of English",
    "Mathematical Association",
    "Historical Association",
]
OTHER_EXPERIENCES = ["", "Early career teacher (ECT) mentor for three years", "Head of year 9", "Key stage 2 moderator"]
INDUCTION_STATUSES = ["Passed", "Passed", "Passed", "In progress", "Exempt", "Required to complete"]
OTHER_REMOVAL_REASONS = ["Moved to the trust's central team", "On maternity leave until next September"]
DQT_STATUSES = [DQTStatus.FOUND, DQTStatus.NOT_FOUND, DQTStatus.NAME_MISMATCH, DQTStatus.NOT_CHECKED]
DQT_STATUS_WEIGHTS = [70, 5, 5, 20]


def mentors_per_school(schools, mentors, rng):
    """How many mentors each of the schools has, largest first, adding up to mentors.

    Most schools have 0 to 10, some 11 to 100, and one in 10,000 (at least one, when there are mentors enough) 300
    or more. Only when the schools are too few for that many mentors do the largest take the rest.
    """
    if mentors and not schools:
        raise ValueError("Mentors need at least one school.")
    counts = []
    large = min(max(1, schools // SCHOOLS_PER_LARGE_SCHOOL), mentors // LARGE_SCHOOL_MENTORS)
    for number in range(large):
        still_to_come = (large - number - 1) * LARGE_SCHOOL_MENTORS
        available = mentors - sum(counts) - still_to_come
        # With few mentors in all, a large school keeps to 300 and leaves the rest to the other schools.
        counts.append(min(LARGE_SCHOOL_MENTORS + rng.randrange(200), max(LARGE_SCHOOL_MENTORS, available // 2)))

    budget = (mentors - sum(counts)) * MEDIUM_SCHOOLS_MENTOR_SHARE
    for _ in range(round((schools - large) * MEDIUM_SCHOOL_SHARE)):
        # From 11 to 100, and nearer 11 more often than not.
        count = int((SMALL_SCHOOL_MENTORS + 1) * (100 / (SMALL_SCHOOL_MENTORS + 1)) ** rng.random())
        if count > budget:
            break
        counts.append(count)
        budget -= count

    small = [0] * (schools - len(counts))
    left = mentors - sum(counts)
    # The rest go one at a time to schools taking trainees, up to 10 each; then to the others, if they must.
    taking = [number for number in range(len(small)) if rng.random() < SCHOOLS_TAKING_TRAINEES_SHARE]
    for candidates in (taking, range(len(small))):
        while left:
            with_room = [number for number in candidates if small[number] < SMALL_SCHOOL_MENTORS]
            if not with_room:
                break
            for number in rng.choices(with_room, k=left):
                if small[number] < SMALL_SCHOOL_MENTORS:
                    small[number] += 1
                    left -= 1
    counts += small
    for number in range(left):
        counts[number % max(1, large)] += 1
    return sorted(counts, reverse=True)


def email_part(name):
    """A name as the part of an email address people make of it: 'Łukasz' is 'lukasz', "O'Brien" 'obrien'."""
    decomposed = unicodedata.normalize("NFKD", name.translate(ASCII_LETTERS))
    return re.sub(r"[^a-z0-9-]", "", decomposed.encode("ascii", "ignore").decode().lower())


def volume_schools():
    return School.objects.filter(urn__range=(FIRST_URN, LAST_URN))


def volume_users():
    return get_user_model().objects.filter(email__iendswith=f".{EMAIL_DOMAIN}")


class Command(BaseCommand):
    help = (
        "Create volume data for benchmarks: GIAS-like schools (URNs from 9,000,000), mentors, ITT coordinators, "
        "lead mentors and history, the same for the same --seed. The ITT coordinator of the school with the most "
        f"mentors signs in as {LARGEST_SCHOOL_COORDINATOR_EMAIL}, each other school's as "
        f"coordinator@<URN>.{EMAIL_DOMAIN}. Refuses to run again unless --replace."
    )

    def add_arguments(self, parser):
        parser.add_argument("--schools", type=int, default=50_000, help="How many schools (default 50,000).")
        parser.add_argument("--mentors", type=int, default=150_000, help="How many mentors (default 150,000).")
        parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"Random seed (default {DEFAULT_SEED}).")
        parser.add_argument("--password", help="Password for every volume user. Without it, one is generated.")
        parser.add_argument(
            "--claims",
            type=int,
            help="About how many funding claims, over the three latest academic years (default: two for every three "
            "mentors, so 100,000 for 150,000 mentors).",
        )
        parser.add_argument(
            "--replace", action="store_true", help="Delete the volume data made before (and only that) first."
        )

    def handle(self, *args, schools, mentors, seed, password, replace, claims=None, **options):
        if not 0 <= schools <= LAST_URN - FIRST_URN + 1:
            raise CommandError(f"--schools must be from 0 to {LAST_URN - FIRST_URN + 1:,}.")
        if not 0 <= mentors < 10**TRN_LENGTH:
            raise CommandError(f"--mentors must be from 0 to {10**TRN_LENGTH - 1:,}: each has a TRN of its own.")
        if mentors and not schools:
            raise CommandError("Mentors need at least one school.")
        claims = mentors * 2 // 3 if claims is None else claims
        if claims < 0:
            raise CommandError("--claims must be 0 or more.")
        started = time.monotonic()
        password = password or secrets.token_urlsafe(12)
        with transaction.atomic():
            self._make_room(replace)
            seeding = VolumeSeeding(random.Random(seed), make_password(password))
            seeding.run(schools, mentors)
            claims_seeding = ClaimsSeeding(seeding.rng, EMAIL_DOMAIN)
            window = claims_seeding.run(claims, volume_schools(), seeding.largest_school)
        self._report(seeding, seed, password, time.monotonic() - started, claims_seeding, window)

    def _make_room(self, replace):
        schools = volume_schools()
        users = volume_users()
        if not (schools.exists() or users.exists()):
            return
        if not replace:
            raise CommandError(
                f"There is volume data already ({schools.count():,} schools, {users.count():,} users). "
                "Run again with --replace to delete it first."
            )
        self.stdout.write("Deleting the volume data made before.")
        delete_volume_claims(schools, EMAIL_DOMAIN)
        # Straight SQL deletes for mentors and memberships: through their signals, they would record a 'deleted'
        # history row and clear each lead mentor's mentors one by one. Their own history goes with them.
        Mentor.history.filter(school__in=schools).delete()
        Membership.history.filter(school__in=schools).delete()
        mentors = Mentor.objects.filter(school__in=schools)
        mentors._raw_delete(mentors.db)
        memberships = Membership.objects.filter(school__in=schools)
        memberships._raw_delete(memberships.db)
        users.delete()
        schools.delete()

    def _report(self, seeding, seed, password, seconds, claims, window):
        sizes = Counter()
        for count in seeding.mentors_at.values():
            sizes[next(size for size, at_least in reversed(SIZES) if count >= at_least)] += 1
        lines = [
            self.style.SUCCESS(f"Volume data is ready in {seconds:.1f} seconds (seed {seed})."),
            f"  Schools: {len(seeding.mentors_at):,} ({seeding.closed:,} closed)",
            f"  Mentors: {seeding.mentors:,} ({seeding.removed:,} removed, {seeding.led:,} led by a lead mentor)",
            f"  Users: {seeding.users:,} ({seeding.coordinators:,} ITT coordinators, "
            f"{seeding.users - seeding.coordinators:,} lead mentors)",
            f"  History rows: {seeding.history_rows:,}",
            f"  Claims: {claims.claims:,} over three academic years ({claims.not_paid:,} not paid), for "
            f"{claims.mentors_claimed:,} mentors' hours; a claim window is open, {window}",
            "  Schools by their number of mentors: " + ", ".join(f"{size}: {sizes[size]:,}" for size, _ in SIZES),
        ]
        largest = seeding.largest_school
        if largest:
            lines += [
                f"Sign in as the ITT coordinator of the school with the most mentors, {largest.name} "
                f"(URN {largest.urn}, {seeding.mentors_at[largest]:,} mentors):",
                f"  Email: {LARGEST_SCHOOL_COORDINATOR_EMAIL}",
                f"  Password: {password}",
                f"Each other school's ITT coordinator is coordinator@<URN>.{EMAIL_DOMAIN}, with the same password.",
            ]
        self.stdout.write("\n".join(lines))


class VolumeSeeding:
    """One run of seed_volume: makes the rows from rng alone, so that the same seed makes the same data."""

    def __init__(self, rng, password_hash):
        self.rng = rng
        # Hashed once for every user: hashing 50,000 times would take longer than all the rest.
        self.password_hash = password_hash
        self.now = timezone.now()
        self._offered = {}
        self._trns = iter(())
        self.mentors_at = {}
        self.largest_school = None
        self.closed = self.mentors = self.removed = self.led = 0
        self.users = self.coordinators = self.history_rows = 0

    def run(self, schools, mentors):
        school_rows = self._add_schools(schools)
        counts = mentors_per_school(schools, mentors, self.rng)
        large = sum(count >= LARGE_SCHOOL_MENTORS for count in counts)
        others = counts[large:]
        self.rng.shuffle(others)
        # Open secondary and all-through schools first, to be the large ones; the rest keep their random order.
        in_order = sorted(school_rows, key=lambda school: not self._may_be_large(school))
        self.mentors_at = dict(zip(in_order, counts[:large] + others, strict=True))
        self.largest_school = max(self.mentors_at, key=self.mentors_at.get) if mentors else None
        self._trns = (f"{number:0{TRN_LENGTH}d}" for number in self.rng.sample(range(10**TRN_LENGTH), mentors))

        with tqdm(total=mentors, unit=" mentors", desc="Adding mentors", disable=None) as progress:
            chunk, in_chunk = [], 0
            for school, count in self.mentors_at.items():
                if count:
                    chunk.append(school)
                    in_chunk += count
                if in_chunk >= BATCH_SIZE:
                    progress.update(self._add_people(chunk))
                    chunk, in_chunk = [], 0
            if chunk:
                progress.update(self._add_people(chunk))

    def _add_schools(self, count):
        rng = self.rng
        phases = list(School.GiasPhase)
        phase_weights = [GIAS_PHASES[phase][0] for phase in phases]
        statuses = list(ESTABLISHMENT_STATUSES)
        status_weights = list(ESTABLISHMENT_STATUSES.values())
        schools = []
        funding_region_of = funding_region_finder()
        for number, urn in enumerate(rng.sample(range(FIRST_URN, LAST_URN + 1), count)):
            # Every phase at least once, then each as common as in GIAS.
            phase = phases[number] if number < len(phases) else rng.choices(phases, phase_weights)[0]
            _, ages, endings = GIAS_PHASES[phase]
            low_age, high_age = rng.choice(ages)
            local_authority, town, region, postcode_area = rng.choice(PLACES)
            status_code, status_name = rng.choices(statuses, status_weights)[0]
            type_code, type_name = rng.choice(ESTABLISHMENT_TYPES[phase])
            schools.append(
                School(
                    urn=urn,
                    name=self._school_name(ENDINGS_BY_AGES.get((low_age, high_age)) or rng.choice(endings), town),
                    phase_of_education_code=phase,
                    phase_of_education_name=phase.label,
                    statutory_low_age=low_age,
                    statutory_high_age=high_age,
                    local_authority=local_authority,
                    town=town,
                    postcode=f"{postcode_area}{rng.randint(1, 30)} {rng.randint(1, 9)}"
                    + "".join(rng.choices(POSTCODE_LETTERS, k=2)),
                    region=region,
                    establishment_status_code=status_code,
                    establishment_status_name=status_name,
                    establishment_type_code=type_code,
                    establishment_type_name=type_name,
                    is_open=status_code in OPEN_STATUS_CODES,
                    district_code=DISTRICT_CODES[local_authority, town],
                    funding_region_id=funding_region_of(DISTRICT_CODES[local_authority, town]),
                )
            )
        self.closed = sum(not school.is_open for school in schools)
        with tqdm(total=count, unit=" schools", desc="Adding schools", disable=None) as progress:
            for start in range(0, count, BATCH_SIZE):
                batch = schools[start : start + BATCH_SIZE]
                School.objects.bulk_create(batch)
                progress.update(len(batch))
        return schools

    def _school_name(self, ending, town):
        rng = self.rng
        style = rng.random()
        if style < 0.3:
            saint = rng.choice(SAINTS)
            # GIAS spells the apostrophe either way.
            if rng.random() < 0.2:
                saint = saint.replace("'", "\N{RIGHT SINGLE QUOTATION MARK}")
            return " ".join(part for part in (saint, rng.choice(DENOMINATIONS), ending) if part)
        if style < 0.8:
            return f"{rng.choice(PLACE_NAMES)} {ending}"
        if style < 0.9:
            return f"The {rng.choice(PLACE_NAMES)} {ending}"
        return f"{town} {ending}"

    def _may_be_large(self, school):
        return school.is_open and school.phase_of_education_code in LARGE_SCHOOL_PHASES

    def _add_people(self, schools):
        """Add the schools' ITT coordinators, lead mentors and mentors, with their history; returns how many
        mentors."""
        users, memberships, mentors = [], [], []
        for school in schools:
            coordinator, leads, school_mentors = self._people_at(school, self.mentors_at[school])
            users += [coordinator] + [membership.user for membership in leads]
            memberships += [Membership(user=coordinator, school=school, role=Membership.Role.ITT_COORDINATOR), *leads]
            mentors += school_mentors

        # Objects referred to are saved first: bulk_create takes their new primary keys.
        get_user_model().objects.bulk_create(users, batch_size=BATCH_SIZE)
        Membership.objects.bulk_create(memberships, batch_size=BATCH_SIZE)
        Membership.history.bulk_history_create(memberships, batch_size=BATCH_SIZE, default_date=self.now)
        Mentor.objects.bulk_create(mentors, batch_size=BATCH_SIZE)
        removed = [mentor for mentor in mentors if mentor.removed_at]
        Mentor.history.bulk_history_create(
            [self._as_added(mentor) for mentor in mentors], batch_size=BATCH_SIZE, default_date=self.now
        )
        Mentor.history.bulk_history_create(removed, batch_size=BATCH_SIZE, update=True, default_date=self.now)

        self.users += len(users)
        self.coordinators += len(schools)
        self.mentors += len(mentors)
        self.removed += len(removed)
        self.led += sum(mentor.lead_mentor is not None for mentor in mentors)
        self.history_rows += len(memberships) + len(mentors) + len(removed)
        return len(mentors)

    def _people_at(self, school, count):
        rng = self.rng
        first_name, last_name = self._name()
        coordinator_email = (
            LARGEST_SCHOOL_COORDINATOR_EMAIL
            if school == self.largest_school
            else f"coordinator@{school.urn}.{EMAIL_DOMAIN}"
        )
        coordinator = self._user(coordinator_email, first_name, last_name)
        emails = set()
        mentors = [self._mentor(school, coordinator, emails) for _ in range(count)]

        # Never so many removed that a 300-mentor school has fewer than 300.
        removable = count - LARGE_SCHOOL_MENTORS if count >= LARGE_SCHOOL_MENTORS else count
        removals = min(removable, sum(rng.random() < REMOVED_SHARE for _ in range(count)))
        for mentor in rng.sample(mentors, removals):
            mentor.removed_at = self.now
            mentor.removed_by = coordinator
            mentor.removal_reason = rng.choice(RemovalReason.values)
            if mentor.removal_reason == RemovalReason.OTHER:
                mentor.removal_reason_details = rng.choice(OTHER_REMOVAL_REASONS)

        current = [mentor for mentor in mentors if mentor.removed_at is None]
        leads = []
        if len(current) >= LEAD_MENTOR_MIN_MENTORS and (
            len(current) >= LARGE_SCHOOL_MENTORS or rng.random() < LEAD_MENTOR_SCHOOL_SHARE
        ):
            # Lead mentors are some of the school's mentors, signing in with their email addresses.
            leads = [
                Membership(
                    user=self._user(mentor.email, mentor.first_name, mentor.last_name),
                    school=school,
                    role=Membership.Role.LEAD_MENTOR,
                )
                for mentor in rng.sample(current, min(1 + len(current) // 100, 5))
            ]
            for mentor in current:
                if rng.random() < LED_MENTOR_SHARE:
                    mentor.lead_mentor = rng.choice(leads)
        return coordinator, leads, mentors

    def _name(self):
        return (
            self.rng.choices(FIRST_NAMES, cum_weights=FIRST_NAME_WEIGHTS)[0],
            self.rng.choices(LAST_NAMES, cum_weights=LAST_NAME_WEIGHTS)[0],
        )

    def _user(self, email, first_name, last_name):
        return get_user_model()(email=email, first_name=first_name, last_name=last_name, password=self.password_hash)

    def _mentor(self, school, coordinator, emails):
        rng = self.rng
        first_name, last_name = self._name()
        local_part = f"{email_part(first_name)}.{email_part(last_name)}"
        email = f"{local_part}@{school.urn}.{EMAIL_DOMAIN}"
        number = 1
        while email in emails:
            number += 1
            email = f"{local_part}{number}@{school.urn}.{EMAIL_DOMAIN}"
        emails.add(email)
        subjects, age_ranges, key_stages = self._offered_at(school)
        age_range = rng.choice(age_ranges)
        mentor = Mentor(
            school=school,
            first_name=first_name,
            last_name=last_name,
            trn=next(self._trns),
            email=email,
            subject=rng.choice(subjects),
            age_range=age_range,
            key_stage=rng.choice(key_stages[age_range]),
            added_by=coordinator,
            dqt_status=rng.choices(DQT_STATUSES, DQT_STATUS_WEIGHTS)[0],
        )
        # Who added them, for their history.
        mentor._history_user = coordinator
        if rng.random() < ADDITIONAL_DETAILS_SHARE:
            self._add_details(mentor)
        if mentor.dqt_status != DQTStatus.NOT_CHECKED:
            mentor.dqt_checked_at = self.now
        if mentor.dqt_status == DQTStatus.FOUND:
            qualified = date.fromordinal(rng.randint(EARLIEST_QUALIFIED, LATEST_QUALIFIED))
            mentor.dqt_date_qualified = qualified
            mentor.dqt_qualifications = (
                f"Qualified teacher status (QTS) from {qualified.day} {qualified:%B %Y} (Postgraduate Teacher Training)"
            )
            mentor.dqt_induction_status = rng.choice(INDUCTION_STATUSES)
        return mentor

    def _add_details(self, mentor):
        rng = self.rng
        qualified = rng.randint(EARLIEST_QUALIFIED, LATEST_QUALIFIED)
        mentor.date_qualified = date.fromordinal(qualified)
        mentor.qualifications = rng.choice(QUALIFICATIONS)
        earliest_start = min(qualified + 730, LATEST_STARTED_MENTORING)
        mentor.date_started_mentoring = date.fromordinal(rng.randint(earliest_start, LATEST_STARTED_MENTORING))
        mentor.provider_training = rng.choice(PROVIDER_TRAINING)
        mentor.send_training = rng.choice([True, False, None])
        if mentor.send_training:
            mentor.send_training_details = rng.choice(SEND_TRAINING_DETAILS)
        mentor.subject_networks = rng.choice(SUBJECT_NETWORKS)
        mentor.other_experiences = rng.choice(OTHER_EXPERIENCES)

    def _offered_at(self, school):
        """The subjects, age ranges and key stages (by age range) the school is offered, from the reference lists.

        Only the age ranges its pupils' ages overlap, when it has any: a nursery school's mentors teach 3 to 7.
        """
        phases = service_phases(school)
        key = (phases, school.statutory_low_age, school.statutory_high_age)
        if key not in self._offered:
            age_ranges = list(reference_lists.age_ranges_for(phases))
            key_stages = {
                age_range: list(reference_lists.key_stages_for(phases, age_range)) for age_range in age_ranges
            }
            low, high = school.statutory_low_age, school.statutory_high_age
            if low is not None and high is not None:
                age_ranges = [
                    age_range for age_range in age_ranges if age_range.low_age < high and low < age_range.high_age
                ] or age_ranges
            self._offered[key] = (list(reference_lists.subjects_for(phases)), age_ranges, key_stages)
        return self._offered[key]

    def _as_added(self, mentor):
        """The mentor as they were added: a removed mentor's history has their removal after it."""
        if mentor.removed_at is None:
            return mentor
        added = copy.copy(mentor)
        added.removed_at = added.removed_by = None
        added.removal_reason = added.removal_reason_details = ""
        return added
