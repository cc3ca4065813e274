from django.core.management.base import BaseCommand
from django.db import transaction

from directory import search


class Command(BaseCommand):
    help = "Rebuild the Local Offer's full-text search index and word list from the services."

    def handle(self, *args, **options):
        with transaction.atomic():
            count = search.rebuild()
        self.stdout.write(f"Indexed {count:,} services.")
