from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from modeltranslation.admin import TranslationAdmin
from simple_history.admin import SimpleHistoryAdmin

from .models import Department, Membership, Municipality, User


@admin.register(User)
class PortalUserAdmin(UserAdmin):
    fieldsets = UserAdmin.fieldsets + ((None, {"fields": ("phone", "preferred_language")}),)


@admin.register(Municipality)
class MunicipalityAdmin(SimpleHistoryAdmin, TranslationAdmin):
    list_display = ("name", "slug", "country", "statistics_code", "default_language", "is_demo")


@admin.register(Department)
class DepartmentAdmin(SimpleHistoryAdmin, TranslationAdmin):
    list_display = ("name", "municipality", "kind", "is_active")
    list_filter = ("municipality", "kind")


@admin.register(Membership)
class MembershipAdmin(SimpleHistoryAdmin):
    list_display = ("user", "municipality", "role")
    list_filter = ("municipality", "role")
    filter_horizontal = ("departments",)
