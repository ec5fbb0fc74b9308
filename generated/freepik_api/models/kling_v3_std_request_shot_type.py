from enum import StrEnum


class KlingV3StdRequestShotType(StrEnum):
    CUSTOMIZE = "customize"
    INTELLIGENT = "intelligent"

    def __str__(self) -> str:
        return str(self.value)
