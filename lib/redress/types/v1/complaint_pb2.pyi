from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Optional as _Optional

DESCRIPTOR: _descriptor.FileDescriptor

class Channel(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    CHANNEL_UNSPECIFIED: _ClassVar[Channel]
    CHANNEL_IN_PERSON: _ClassVar[Channel]
    CHANNEL_PHONE: _ClassVar[Channel]
    CHANNEL_EMAIL: _ClassVar[Channel]
    CHANNEL_COMMENT_CARD: _ClassVar[Channel]
    CHANNEL_WEB_FORM: _ClassVar[Channel]
    CHANNEL_LETTER_TO_CORPORATE_OFFICE: _ClassVar[Channel]
    CHANNEL_LETTER_TO_OWNER: _ClassVar[Channel]
    CHANNEL_TWITTER: _ClassVar[Channel]
    CHANNEL_FACEBOOK: _ClassVar[Channel]
    CHANNEL_REVIEW_SITE: _ClassVar[Channel]
    CHANNEL_BLOG: _ClassVar[Channel]
    CHANNEL_NEWSPAPER: _ClassVar[Channel]
    CHANNEL_CHAT: _ClassVar[Channel]

class Category(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    CATEGORY_UNSPECIFIED: _ClassVar[Category]
    CATEGORY_STAFF_UNHELPFUL: _ClassVar[Category]
    CATEGORY_STAFF_PUSHY: _ClassVar[Category]
    CATEGORY_STAFF_CANNOT_SOLVE: _ClassVar[Category]
    CATEGORY_FOOD_LATE_OR_COLD: _ClassVar[Category]
    CATEGORY_RETURN_POLICY_NOT_HONOURED: _ClassVar[Category]
    CATEGORY_PHONE_MENU_MAZE: _ClassVar[Category]
    CATEGORY_ROBOT_SERVICE: _ClassVar[Category]
    CATEGORY_REPEATED_INFORMATION: _ClassVar[Category]
    CATEGORY_WEBSITE_NO_VALUE: _ClassVar[Category]
    CATEGORY_WEBSITE_HARD_TO_NAVIGATE: _ClassVar[Category]
    CATEGORY_WEBSITE_HARD_TO_CONTACT: _ClassVar[Category]
    CATEGORY_WEBSITE_NOT_MOBILE_FRIENDLY: _ClassVar[Category]
    CATEGORY_CONDUCT_INSULTED_OR_DISMISSED: _ClassVar[Category]
    CATEGORY_CONDUCT_REFUSED_ESCALATION: _ClassVar[Category]
    CATEGORY_CONDUCT_POLICY_EXCUSE: _ClassVar[Category]
    CATEGORY_CONDUCT_PERSONAL_REMARKS: _ClassVar[Category]
    CATEGORY_CONDUCT_BLAMED_CUSTOMER: _ClassVar[Category]
    CATEGORY_CONDUCT_SENT_TO_WEBSITE: _ClassVar[Category]
    CATEGORY_CONDUCT_SCRIPTED: _ClassVar[Category]
    CATEGORY_OTHER: _ClassVar[Category]

class Severity(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    SEVERITY_UNSPECIFIED: _ClassVar[Severity]
    SEVERITY_LOW: _ClassVar[Severity]
    SEVERITY_MEDIUM: _ClassVar[Severity]
    SEVERITY_HIGH: _ClassVar[Severity]
    SEVERITY_CRITICAL: _ClassVar[Severity]

class Level(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    LEVEL_UNSPECIFIED: _ClassVar[Level]
    LEVEL_POINT_OF_CONTACT: _ClassVar[Level]
    LEVEL_MANAGER: _ClassVar[Level]
    LEVEL_CORPORATE_OFFICE: _ClassVar[Level]
    LEVEL_OWNER: _ClassVar[Level]
CHANNEL_UNSPECIFIED: Channel
CHANNEL_IN_PERSON: Channel
CHANNEL_PHONE: Channel
CHANNEL_EMAIL: Channel
CHANNEL_COMMENT_CARD: Channel
CHANNEL_WEB_FORM: Channel
CHANNEL_LETTER_TO_CORPORATE_OFFICE: Channel
CHANNEL_LETTER_TO_OWNER: Channel
CHANNEL_TWITTER: Channel
CHANNEL_FACEBOOK: Channel
CHANNEL_REVIEW_SITE: Channel
CHANNEL_BLOG: Channel
CHANNEL_NEWSPAPER: Channel
CHANNEL_CHAT: Channel
CATEGORY_UNSPECIFIED: Category
CATEGORY_STAFF_UNHELPFUL: Category
CATEGORY_STAFF_PUSHY: Category
CATEGORY_STAFF_CANNOT_SOLVE: Category
CATEGORY_FOOD_LATE_OR_COLD: Category
CATEGORY_RETURN_POLICY_NOT_HONOURED: Category
CATEGORY_PHONE_MENU_MAZE: Category
CATEGORY_ROBOT_SERVICE: Category
CATEGORY_REPEATED_INFORMATION: Category
CATEGORY_WEBSITE_NO_VALUE: Category
CATEGORY_WEBSITE_HARD_TO_NAVIGATE: Category
CATEGORY_WEBSITE_HARD_TO_CONTACT: Category
CATEGORY_WEBSITE_NOT_MOBILE_FRIENDLY: Category
CATEGORY_CONDUCT_INSULTED_OR_DISMISSED: Category
CATEGORY_CONDUCT_REFUSED_ESCALATION: Category
CATEGORY_CONDUCT_POLICY_EXCUSE: Category
CATEGORY_CONDUCT_PERSONAL_REMARKS: Category
CATEGORY_CONDUCT_BLAMED_CUSTOMER: Category
CATEGORY_CONDUCT_SENT_TO_WEBSITE: Category
CATEGORY_CONDUCT_SCRIPTED: Category
CATEGORY_OTHER: Category
SEVERITY_UNSPECIFIED: Severity
SEVERITY_LOW: Severity
SEVERITY_MEDIUM: Severity
SEVERITY_HIGH: Severity
SEVERITY_CRITICAL: Severity
LEVEL_UNSPECIFIED: Level
LEVEL_POINT_OF_CONTACT: Level
LEVEL_MANAGER: Level
LEVEL_CORPORATE_OFFICE: Level
LEVEL_OWNER: Level

class CustomerContact(_message.Message):
    __slots__ = ("name", "email", "phone", "social_handle")
    NAME_FIELD_NUMBER: _ClassVar[int]
    EMAIL_FIELD_NUMBER: _ClassVar[int]
    PHONE_FIELD_NUMBER: _ClassVar[int]
    SOCIAL_HANDLE_FIELD_NUMBER: _ClassVar[int]
    name: str
    email: str
    phone: str
    social_handle: str
    def __init__(self, name: _Optional[str] = ..., email: _Optional[str] = ..., phone: _Optional[str] = ..., social_handle: _Optional[str] = ...) -> None: ...
