"""Case pages: requests, the case page, stage actions, advice, lists and caseloads."""
