from enum import StrEnum


class KlingV3OmniProRequestDuration(StrEnum):
    VALUE_0 = "3"
    VALUE_1 = "4"
    VALUE_10 = "13"
    VALUE_11 = "14"
    VALUE_12 = "15"
    VALUE_2 = "5"
    VALUE_3 = "6"
    VALUE_4 = "7"
    VALUE_5 = "8"
    VALUE_6 = "9"
    VALUE_7 = "10"
    VALUE_8 = "11"
    VALUE_9 = "12"

    def __str__(self) -> str:
        return str(self.value)
