"""What the tests share: factories (factories.py), reading pages as a person would (html.py), and driving journeys
through the test client (journeys.py)."""
