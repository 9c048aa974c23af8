"""Framework and mapping files: the format (fixtures/README.md), its one reader, and the page that uploads them.

read (reading.py -> specs.py's FrameworkFile or MappingFile, or every Problem with its place)
    ->  plan (services.frameworks.plan: what it adds and changes, or what the database refuses)
    ->  load (services.frameworks.load: one transaction), from `manage.py load_framework` or /frameworks/
"""
