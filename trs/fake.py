"""An offline stand-in for TRS, used when no TRS_API_KEY is configured, so the service works with no network.

It knows a few teachers (README, "Teaching Record System"). TRN 9999999 has no record. Any other TRN is one it
cannot check, as if TRS were unavailable, so a mentor with any TRN can still be added (and is marked as not yet
checked).
"""

import datetime

from .client import TeacherNotFound, TeacherRecord, TRSUnavailable

TEACHERS = [
    TeacherRecord(
        trn="1000001",
        first_name="Amira",
        middle_name="",
        last_name="Khan",
        qts_date=datetime.date(2015, 7, 31),
        qualifications=["Qualified teacher status (QTS) from 31 July 2015 (Postgraduate Teacher Training)"],
        induction_status="Passed",
    ),
    TeacherRecord(
        trn="1000002",
        first_name="Zoë",
        middle_name="Anne",
        last_name="O'Brien",
        qts_date=datetime.date(2019, 8, 1),
        qualifications=[
            "Qualified teacher status (QTS) from 1 August 2019 (School Direct Training Programme)",
            "Mandatory qualification: Visual impairment",
        ],
        induction_status="Passed",
    ),
    TeacherRecord(
        trn="1000003",
        first_name="Tomasz",
        middle_name="",
        last_name="Nowak",
        qualifications=["Qualified teacher learning and skills status (QTLS)"],
        induction_status="Exempt",
    ),
    TeacherRecord(trn="1000004", first_name="Grace", middle_name="", last_name="Adeyemi", induction_status="None"),
]
NOT_FOUND_TRN = "9999999"


class OfflineTRS:
    def get_teacher(self, trn):
        for teacher in TEACHERS:
            if teacher.trn == trn:
                return teacher
        if trn == NOT_FOUND_TRN:
            raise TeacherNotFound("The offline TRS has no record for this TRN")
        raise TRSUnavailable("The offline TRS cannot check this TRN")
