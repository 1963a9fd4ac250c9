from rest_framework import serializers

from .models import Project, ProjectPartner


class PartnerSerializer(serializers.ModelSerializer):
    name = serializers.SerializerMethodField()
    country = serializers.SerializerMethodField()

    class Meta:
        model = ProjectPartner
        fields = ["name", "country"]

    def get_name(self, obj) -> str:
        if obj.relation_id:
            return obj.relation.city
        if obj.organisation_id:
            return obj.organisation.name
        return obj.name

    def get_country(self, obj) -> str:
        if obj.relation_id:
            return obj.relation.country
        if obj.organisation_id:
            return obj.organisation.country
        return obj.country


class PublicProjectSerializer(serializers.ModelSerializer):
    """Public fields only: no attachments, notes, people or internal dates."""

    title = serializers.CharField()
    programme = serializers.SerializerMethodField()
    lead_department = serializers.CharField(source="lead_department.name")
    partners = PartnerSerializer(many=True, read_only=True)
    expected_results = serializers.CharField()
    achieved_results = serializers.CharField()

    class Meta:
        model = Project
        fields = [
            "id",
            "title",
            "acronym",
            "programme",
            "role",
            "lead_department",
            "status",
            "start_date",
            "end_date",
            "submitted_on",
            "currency",
            "total_budget",
            "municipality_budget",
            "grant",
            "co_financing",
            "expected_results",
            "achieved_results",
            "programme_project_id",
            "keep_eu_url",
            "cordis_url",
            "partners",
            "is_demo",
        ]

    def get_programme(self, obj) -> str | None:
        return str(obj.programme) if obj.programme else None
