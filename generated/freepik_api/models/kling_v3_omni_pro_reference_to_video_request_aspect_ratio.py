from enum import StrEnum


class KlingV3OmniProReferenceToVideoRequestAspectRatio(StrEnum):
    AUTO = "auto"
    VALUE_1 = "16:9"
    VALUE_2 = "9:16"
    VALUE_3 = "1:1"

    def __str__(self) -> str:
        return str(self.value)
