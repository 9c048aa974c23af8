"""The backup's format: Django's XML serializer, except that a stored text holding characters XML cannot hold (put
there by SQL, or before every path refused them) is written without them and named, instead of stopping the backup.

`backup_scorecard` registers it as "scorecard-xml"; `restore_scorecard` reads it as Django's XML.
"""

from django.core.serializers import xml_serializer

from objectives.rules.text import NOT_XML, xml_safe

Deserializer = xml_serializer.Deserializer

# What the last backup wrote without its unholdable characters: "objectives.assessment 12 comments", in order.
REMOVED = []


class Serializer(xml_serializer.Serializer):
    def handle_field(self, obj, field):
        value = getattr(obj, field.attname)
        if isinstance(value, str) and NOT_XML.search(value):
            setattr(obj, field.attname, xml_safe(value))  # this copy is only read for the backup
            REMOVED.append(f"{obj._meta.label_lower} {obj.pk} {field.name}")
        super().handle_field(obj, field)
