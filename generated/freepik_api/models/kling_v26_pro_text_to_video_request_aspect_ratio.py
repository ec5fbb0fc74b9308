from enum import StrEnum


class KlingV26ProTextToVideoRequestAspectRatio(StrEnum):
    SOCIAL_STORY_9_16 = "social_story_9_16"
    SQUARE_1_1 = "square_1_1"
    WIDESCREEN_16_9 = "widescreen_16_9"

    def __str__(self) -> str:
        return str(self.value)
