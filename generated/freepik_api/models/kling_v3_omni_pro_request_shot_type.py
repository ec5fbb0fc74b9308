from enum import StrEnum


class KlingV3OmniProRequestShotType(StrEnum):
    CUSTOMIZE = "customize"

    def __str__(self) -> str:
        return str(self.value)
