"""The pipeline that turns Freepik's published pages and official OpenAPI document into this client.

Each module is one stage, in the order the data flows (``make generate`` runs 1 to 5; ``make update-spec``
runs 6, which runs the others in a staging copy)::

    openapi/ (pages, official document, fragments, overrides)
      1. sources.py    read each source into one small OpenAPI document per create operation
      2. build.py      apply the rules and merge them: openapi/freepik-kling.yaml
      3. validate.py   validate the merged document (OpenAPI 3.0.3, closed objects, examples)
      4. generate.py   run openapi-python-client (with templates.py's patches): generated/freepik_api
      5. catalog.py    the models' catalog, validators, docs/models.md and the tests' golden record;
         typed.py      the editor types (typed.py) and per-model client attributes (attributes.py)
      6. update.py     download a new official document, regenerate in a staging copy, review the change
                       (old and new catalogs and merged documents) into the output and CHANGELOG.md

``errors.py`` holds :class:`PipelineError`, the one failure every stage raises; ``cut_operation.py`` writes
one official operation as a page, by hand.
"""
