from enum import StrEnum


class KlingV3OmniStdRequestShotType(StrEnum):
    CUSTOMIZE = "customize"

    def __str__(self) -> str:
        return str(self.value)
