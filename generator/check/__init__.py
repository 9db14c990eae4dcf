"""``diarium check``: build a site into a temporary folder and check what would be published —
links and anchors, HTML validity, personal data, diary numbers and import warnings."""
