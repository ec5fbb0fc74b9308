from enum import StrEnum


class KlingAdvancedCustomElementsRequestReferenceType(StrEnum):
    IMAGE_REFER = "image_refer"
    VIDEO_REFER = "video_refer"

    def __str__(self) -> str:
        return str(self.value)
