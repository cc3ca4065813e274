"""Reference data for finding services: where postcodes are, and the words services use."""

from django.db import models


class Postcode(models.Model):
    """A postcode's centre, from the ONS Postcode Directory (`manage.py import_postcodes`)."""

    postcode = models.CharField(max_length=8, primary_key=True)  # normalised: "BD1 1HY"
    # Looked up when a full postcode is unknown (new builds, typing slips): "BD1 1" then "BD1".
    sector = models.CharField(max_length=6, db_index=True)
    outward = models.CharField(max_length=4, db_index=True)
    latitude = models.FloatField()
    longitude = models.FloatField()

    class Meta:
        ordering = ["postcode"]

    def __str__(self):
        return self.postcode


class SearchWord(models.Model):
    """Every word that appears in a service, so a misspelt search word can be corrected to one
    that will find something (directory.search). Kept by the search index, never edited."""

    word = models.CharField(max_length=40, primary_key=True)
    # The first letter narrows the words compared with a misspelling (typos rarely start a word).
    initial = models.CharField(max_length=1, db_index=True)

    def __str__(self):
        return self.word
