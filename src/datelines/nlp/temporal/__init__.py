"""The temporal tagger: find dates, times, durations and sets; normalize to TIMEX3.

Stage: ``nlp.temporal``. :func:`tag` reads plain text (no spaCy needed) and returns
:class:`Timex` objects; :func:`bounds` turns a value into an ISO interval. Importing
this package does not import spaCy, so store, review and reconcile can use
:func:`bounds` cheaply. The spaCy component ``datelines_temporal`` lives in
:mod:`.component`: import that module where a pipeline is built (it registers the
factory) and it stores the expressions on a ``Doc`` as ``doc.spans["timex"]`` with
``span._.timex``. Language knowledge lives in ``data/lexicon.yaml`` and
``data/rules.yaml``.

>>> [(t.text, t.value) for t in tag("In the late 1970s and on June 20th, 1971.")]
[('the late 1970s', '197'), ('June 20th, 1971', '1971-06-20')]
"""

from datelines.nlp.temporal.tagger import MODES, tag
from datelines.nlp.temporal.timex import Timex, bounds

__all__ = ["MODES", "Timex", "bounds", "tag"]
