package com.staffkit.staff;

/** Shape rules shared by the create and update requests. */
final class StaffFields {

    static final int NAME_MAX = 150;
    static final int EMAIL_MAX = 254;
    static final String USERNAME_PATTERN = "^[\\p{L}\\p{N}._@+-]+$";
    static final String USERNAME_MESSAGE = "may contain only letters, digits and . _ @ + -";
    static final String PHONE_PATTERN = "^\\+?[0-9][0-9 ()./-]{2,31}$";
    static final String PHONE_MESSAGE = "must be a phone number such as +15555551212";
    static final String ROLE_PATTERN = "^[\\p{L}\\p{N} ._-]{1,100}$";

    private StaffFields() {}
}
