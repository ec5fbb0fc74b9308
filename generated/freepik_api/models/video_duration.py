from enum import StrEnum


class VideoDuration(StrEnum):
    SECONDS_10 = "10"
    SECONDS_5 = "5"

    def __str__(self) -> str:
        return str(self.value)
