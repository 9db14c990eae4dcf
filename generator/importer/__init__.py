"""The importer: text extracted from PDFs of committee records → content files.

``diarium import`` reads a meeting notice with its papers (*kallelse*) or a stand-alone record
(a plan, a report, an appendix) and writes it in the content format (docs/content-format.md).
Every rule comes from the structure of the text (labels, line shapes, order, blank-line runs);
where a rule is uncertain the text is kept and a warning is recorded.
"""
