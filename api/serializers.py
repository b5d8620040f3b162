from rest_framework import serializers

from claims.models import Claim, ClaimMentor
from mentors.models import Mentor, MentorStatus


class MentorSerializer(serializers.ModelSerializer):
    """A current mentor at a partner school. No email address: schools have not been asked to share them."""

    school_urn = serializers.IntegerField(source="school.urn")
    school_name = serializers.CharField(source="school.name")
    subject = serializers.CharField(source="subject.name")
    age_range = serializers.CharField(source="age_range.name")
    key_stage = serializers.CharField(source="key_stage.name")
    status = serializers.ChoiceField(choices=MentorStatus.choices)

    class Meta:
        model = Mentor
        fields = [
            "id",
            "school_urn",
            "school_name",
            "first_name",
            "last_name",
            "trn",
            "subject",
            "age_range",
            "key_stage",
            "status",
            "created_at",
            "updated_at",
        ]


class ClaimMentorSerializer(serializers.ModelSerializer):
    first_name = serializers.CharField(source="mentor.first_name")
    last_name = serializers.CharField(source="mentor.last_name")

    class Meta:
        model = ClaimMentor
        fields = ["trn", "first_name", "last_name", "hours"]


class ClaimSerializer(serializers.ModelSerializer):
    """A claim a school made for its mentors' training with the provider. Amounts are in pence."""

    school_urn = serializers.IntegerField(source="school.urn")
    school_name = serializers.CharField(source="school.name")
    academic_year = serializers.CharField(source="academic_year.__str__")
    funding_region = serializers.CharField(source="funding_region.name")
    mentors = ClaimMentorSerializer(many=True)

    class Meta:
        model = Claim
        fields = [
            "reference",
            "school_urn",
            "school_name",
            "academic_year",
            "status",
            "funding_region",
            "rate_pence",
            "total_hours",
            "amount_pence",
            "submitted_at",
            "mentors",
        ]
