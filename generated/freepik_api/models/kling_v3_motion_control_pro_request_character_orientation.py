from enum import StrEnum


class KlingV3MotionControlProRequestCharacterOrientation(StrEnum):
    IMAGE = "image"
    VIDEO = "video"

    def __str__(self) -> str:
        return str(self.value)
