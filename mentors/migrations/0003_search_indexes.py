from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations, models

from config.db_operations import RunSQLOnPostgreSQL


class Migration(migrations.Migration):
    """Indexes for the lookups the pages do, on PostgreSQL (see mentors.selectors and mentors.admin)."""

    dependencies = [
        ("mentors", "0002_dqt_details"),
    ]

    operations = [
        TrigramExtension(),
        # A school's mentor list: its current mentors in ICU alphabetical order, read a page at a time.
        RunSQLOnPostgreSQL(
            sql="""
                CREATE INDEX mentors_mentor_school_alphabetical ON mentors_mentor
                (school_id, last_name COLLATE "und-x-icu", first_name COLLATE "und-x-icu", id)
                WHERE removed_at IS NULL
            """,
            reverse_sql="DROP INDEX mentors_mentor_school_alphabetical",
        ),
        # Admin's list of every mentor, in the model's order (a page at a time).
        migrations.AddIndex(
            model_name="mentor",
            index=models.Index(fields=["last_name", "first_name"], name="mentor_name"),
        ),
        # Admin's search across every mentor in the country: a substring of a name or email address
        # (Django's icontains is UPPER(column) LIKE UPPER('%term%')), or a whole TRN (iexact).
        RunSQLOnPostgreSQL(
            sql="""
                CREATE INDEX mentors_mentor_search_trigram ON mentors_mentor USING gin
                (UPPER(last_name) gin_trgm_ops, UPPER(first_name) gin_trgm_ops, UPPER(email) gin_trgm_ops)
            """,
            reverse_sql="DROP INDEX mentors_mentor_search_trigram",
        ),
        RunSQLOnPostgreSQL(
            sql="CREATE INDEX mentors_mentor_trn_upper ON mentors_mentor (UPPER(trn))",
            reverse_sql="DROP INDEX mentors_mentor_trn_upper",
        ),
    ]
