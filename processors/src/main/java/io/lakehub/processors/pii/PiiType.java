package io.lakehub.processors.pii;

/**
 * The kinds of personal data the scanner recognises. The constant names are part of the hub's
 * interface (the catalog, the REST API, pipeline policies and {@code ./lakehub scan} print them):
 * add constants, never rename them.
 */
public enum PiiType {
    /** An e-mail address ({@code local@domain.tld}). */
    EMAIL,
    /** A telephone number, NANP or international, valid according to libphonenumber. */
    PHONE,
    /** A US Social Security number with a valid area, group and serial. */
    US_SSN,
    /** A payment card number: issuer prefix, length and Luhn check digit. */
    CREDIT_CARD,
    /** An International Bank Account Number: country length and mod-97 check digits. */
    IBAN,
    /** An IPv4 or IPv6 address. */
    IP_ADDRESS,
    /** A date of birth: dates with plausible birth years in a column the name or the spread marks as such. */
    DATE_OF_BIRTH,
    /** A person's name, first, last or full. */
    PERSON_NAME,
    /** A street address: house number, street name and suffix, possibly a unit. */
    STREET_ADDRESS,
    /** A person's financial figures: salary, income, account balance, net worth, credit limit. */
    FINANCIAL,
    /** Health data: diagnoses, ICD-10 codes, medications, conditions, allergies. */
    HEALTH
}
