from enum import StrEnum


class KlingV3ProRequestShotType(StrEnum):
    CUSTOMIZE = "customize"
    INTELLIGENT = "intelligent"

    def __str__(self) -> str:
        return str(self.value)
