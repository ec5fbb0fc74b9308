from enum import StrEnum


class KlingV3MotionControlStdRequestCharacterOrientation(StrEnum):
    IMAGE = "image"
    VIDEO = "video"

    def __str__(self) -> str:
        return str(self.value)
