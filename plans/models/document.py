"""A plan version's rendered file (PDF or Word), kept so a second download is instant: WeasyPrint
takes seconds over a long plan. `fingerprint` is a hash of the document's HTML, drawn from the
same layout as both files: when the plan's words, the child's details or the layout change, the
fingerprint no longer matches and the file is rendered again (plans/rendering.py)."""

from django.db import models


class RenderedDocument(models.Model):
    class Format(models.TextChoices):
        PDF = "pdf", "PDF"
        DOCX = "docx", "Word"

    version = models.ForeignKey("plans.PlanVersion", on_delete=models.CASCADE, related_name="rendered")
    format = models.CharField(max_length=4, choices=Format.choices)
    fingerprint = models.CharField(max_length=64)
    content = models.BinaryField(editable=False)
    rendered_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["version", "format"], name="one_rendering_per_format")]

    def __str__(self):
        return f"{self.version} ({self.format})"
