"""Families' contributions to plans and reviews: Section A in their own words, comments on a draft
plan, and one page for each annual review (included by portal/urls.py, "portal" namespace)."""

from django.urls import path

from portal.views import draft_plan, review, section_a

urlpatterns = [
    path("children/<uuid:public_id>/all-about-me/", section_a.section_a, name="section_a"),
    path("all-about-me/pictures/<uuid:public_id>/", section_a.section_a_picture, name="section_a_picture"),
    path("plans/<uuid:public_id>/draft/", draft_plan.draft_plan, name="draft_plan"),
    path("reviews/<uuid:public_id>/", review.review, name="review"),
]
