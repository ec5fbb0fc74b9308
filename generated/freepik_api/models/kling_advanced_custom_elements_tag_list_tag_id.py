from enum import StrEnum


class KlingAdvancedCustomElementsTagListTagId(StrEnum):
    O_101 = "o_101"
    O_102 = "o_102"
    O_103 = "o_103"
    O_104 = "o_104"
    O_105 = "o_105"
    O_106 = "o_106"
    O_107 = "o_107"
    O_108 = "o_108"

    def __str__(self) -> str:
        return str(self.value)
