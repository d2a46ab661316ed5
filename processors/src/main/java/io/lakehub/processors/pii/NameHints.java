package io.lakehub.processors.pii;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What a column name suggests. The name is split into lower-case words (at {@code _ - . blank},
 * camelCase and letter/digit boundaries) and each word is looked up; a few words also count inside
 * run-together names ({@code emailaddress}, {@code dateofbirth}). A hint only lowers the share of
 * valid values a type needs; content must still agree (ADR 28).
 */
final class NameHints {
    /** Whole words that hint at a type. */
    private static final Map<String, PiiType> WORDS = words();

    /** Fragments that hint at a type inside a run-together name. */
    private static final Map<String, PiiType> FRAGMENTS = Map.ofEntries(
            Map.entry("email", PiiType.EMAIL),
            Map.entry("phone", PiiType.PHONE),
            Map.entry("mobile", PiiType.PHONE),
            Map.entry("socialsecurity", PiiType.US_SSN),
            Map.entry("creditcard", PiiType.CREDIT_CARD),
            Map.entry("cardnumber", PiiType.CREDIT_CARD),
            Map.entry("ipaddr", PiiType.IP_ADDRESS),
            Map.entry("birth", PiiType.DATE_OF_BIRTH),
            Map.entry("firstname", PiiType.PERSON_NAME),
            Map.entry("lastname", PiiType.PERSON_NAME),
            Map.entry("fullname", PiiType.PERSON_NAME),
            Map.entry("surname", PiiType.PERSON_NAME),
            Map.entry("streetaddress", PiiType.STREET_ADDRESS),
            Map.entry("homeaddress", PiiType.STREET_ADDRESS),
            Map.entry("salary", PiiType.FINANCIAL),
            Map.entry("income", PiiType.FINANCIAL),
            Map.entry("networth", PiiType.FINANCIAL),
            Map.entry("creditlimit", PiiType.FINANCIAL),
            Map.entry("diagnos", PiiType.HEALTH),
            Map.entry("medication", PiiType.HEALTH),
            Map.entry("allerg", PiiType.HEALTH));

    /** Words that turn a hint off: the column is about the value, not the value (ssn_verified, phone_count). */
    private static final Set<String> NEGATORS = Set.of(
            "is",
            "has",
            "count",
            "cnt",
            "verified",
            "valid",
            "validated",
            "flag",
            "enabled",
            "confirmed",
            "consent",
            "optin",
            "status",
            "type",
            "format",
            "length",
            "len",
            "hash",
            "hashed",
            "masked",
            "encrypted",
            "tokenized",
            "changed",
            "updated",
            "provider",
            "bounced",
            "sent",
            "domain",
            "country",
            "prefix",
            "currency",
            "bracket",
            "band",
            "range",
            "rank",
            "last4",
            "present",
            "missing",
            "points",
            "score",
            "pct",
            "percent",
            "ratio",
            "id",
            "ids",
            "known",
            "required",
            "allowed",
            "visible",
            "policy",
            "version");

    /** Words that say a "name" column names something else than a person (product_name, city). */
    private static final Set<String> NOT_PERSON = Set.of(
            "product",
            "company",
            "brand",
            "city",
            "country",
            "state",
            "county",
            "region",
            "file",
            "filename",
            "host",
            "hostname",
            "item",
            "category",
            "department",
            "dept",
            "team",
            "street",
            "domain",
            "bank",
            "store",
            "shop",
            "vendor",
            "merchant",
            "project",
            "event",
            "table",
            "column",
            "field",
            "app",
            "service",
            "server",
            "job",
            "title",
            "course",
            "school",
            "org",
            "organization",
            "organisation",
            "business",
            "device",
            "model",
            "color",
            "colour",
            "species",
            "breed",
            "pet",
            "ship",
            "plan",
            "package",
            "campaign",
            "channel",
            "tag",
            "label",
            "source",
            "venue",
            "hotel",
            "airline",
            "airport",
            "location",
            "place",
            "site",
            "sku",
            "repo",
            "branch",
            "database",
            "schema",
            "metric",
            "feature",
            "song",
            "album",
            "artist",
            "book",
            "movie",
            "game",
            "league",
            "warehouse");

    /** Words that carry no meaning as column names (c1, field_7, col, x). */
    private static final Set<String> MEANINGLESS = Set.of(
            "c",
            "col",
            "column",
            "field",
            "f",
            "x",
            "y",
            "v",
            "var",
            "val",
            "value",
            "values",
            "attr",
            "attribute",
            "data",
            "unnamed",
            "untitled",
            "misc",
            "extra",
            "custom",
            "tmp",
            "temp",
            "raw",
            "str",
            "string",
            "info",
            "other",
            "a",
            "b",
            "d",
            "k",
            "n",
            "p",
            "q",
            "r",
            "s",
            "t",
            "u",
            "z",
            "prop",
            "property");

    final Set<PiiType> types;
    final boolean meaningless;
    final boolean notPerson;

    private NameHints(Set<PiiType> types, boolean meaningless, boolean notPerson) {
        this.types = types;
        this.meaningless = meaningless;
        this.notPerson = notPerson;
    }

    static NameHints of(String column) {
        List<String> words = split(column);
        EnumSet<PiiType> types = EnumSet.noneOf(PiiType.class);
        boolean negated = false;
        boolean meaningless = true;
        boolean notPerson = false;
        for (String w : words) {
            PiiType t = WORDS.get(w);
            if (t != null) {
                types.add(t);
            }
            negated |= NEGATORS.contains(w);
            notPerson |= NOT_PERSON.contains(w);
            String stem = stripDigits(w);
            meaningless &= stem.isEmpty() || MEANINGLESS.contains(stem);
        }
        String joined = String.join("", words);
        for (Map.Entry<String, PiiType> e : FRAGMENTS.entrySet()) {
            if (joined.contains(e.getKey())) {
                types.add(e.getValue());
            }
        }
        if (words.contains("social") && words.contains("security")) {
            types.add(PiiType.US_SSN);
        }
        if (words.contains("credit") && (words.contains("limit") || words.contains("line"))) {
            types.add(PiiType.FINANCIAL);
            types.remove(PiiType.CREDIT_CARD);
        }
        if (words.contains("net") && words.contains("worth")) {
            types.add(PiiType.FINANCIAL);
        }
        if (types.contains(PiiType.STREET_ADDRESS)
                && (types.contains(PiiType.EMAIL)
                        || types.contains(PiiType.IP_ADDRESS)
                        || words.contains("mac")
                        || words.contains("web")
                        || words.contains("url")
                        || words.contains("wallet"))) {
            types.remove(PiiType.STREET_ADDRESS); // email_address, ip_address, mac_address
        }
        if (notPerson) {
            types.remove(PiiType.PERSON_NAME);
        }
        if (negated) {
            types.clear();
        }
        return new NameHints(Set.copyOf(types), meaningless && !words.isEmpty(), notPerson);
    }

    boolean hints(PiiType type) {
        return types.contains(type);
    }

    /** The lower-case words of a column name. */
    static List<String> split(String name) {
        List<String> words = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!Character.isLetterOrDigit(c)) {
                flush(w, words);
                continue;
            }
            if (w.length() > 0) {
                char p = name.charAt(i - 1);
                boolean camel = Character.isUpperCase(c) && Character.isLowerCase(p);
                if (camel) {
                    flush(w, words);
                }
            }
            w.append(Character.toLowerCase(c));
        }
        flush(w, words);
        return words;
    }

    private static void flush(StringBuilder w, List<String> words) {
        if (w.length() > 0) {
            words.add(w.toString().toLowerCase(Locale.ROOT));
            w.setLength(0);
        }
    }

    private static String stripDigits(String w) {
        int end = w.length();
        while (end > 0 && Character.isDigit(w.charAt(end - 1))) {
            end--;
        }
        int start = 0;
        while (start < end && Character.isDigit(w.charAt(start))) {
            start++;
        }
        return w.substring(start, end);
    }

    private static Map<String, PiiType> words() {
        Map<String, PiiType> m = new java.util.HashMap<>();
        put(m, PiiType.EMAIL, "email", "emails", "mail", "e", "emailaddress");
        put(
                m,
                PiiType.PHONE,
                "phone",
                "phones",
                "telephone",
                "tel",
                "mobile",
                "cell",
                "cellphone",
                "fax",
                "msisdn",
                "phonenumber",
                "whatsapp");
        put(m, PiiType.US_SSN, "ssn", "ssns", "ssnumber");
        put(m, PiiType.CREDIT_CARD, "cc", "ccnum", "ccnumber", "card", "cardnumber", "creditcard", "pan", "debitcard");
        put(m, PiiType.IBAN, "iban");
        put(m, PiiType.IP_ADDRESS, "ip", "ipaddress", "ipaddr", "ipv4", "ipv6", "remoteaddr", "clientip");
        put(m, PiiType.DATE_OF_BIRTH, "dob", "birth", "birthday", "birthdate", "dateofbirth", "born", "bday");
        put(
                m,
                PiiType.PERSON_NAME,
                "name",
                "names",
                "fname",
                "lname",
                "surname",
                "firstname",
                "lastname",
                "fullname",
                "middlename",
                "givenname",
                "familyname",
                "patient",
                "customer",
                "contact",
                "employee",
                "person",
                "recipient",
                "holder",
                "cardholder",
                "beneficiary",
                "spouse",
                "guardian",
                "passenger",
                "member",
                "first",
                "last",
                "given",
                "family");
        put(
                m,
                PiiType.STREET_ADDRESS,
                "address",
                "addr",
                "street",
                "address1",
                "address2",
                "line1",
                "addressline",
                "residence",
                "mailing");
        put(
                m,
                PiiType.FINANCIAL,
                "salary",
                "salaries",
                "income",
                "wage",
                "wages",
                "balance",
                "networth",
                "creditlimit",
                "compensation",
                "payroll",
                "earnings",
                "bonus",
                "debt",
                "savings",
                "mortgage",
                "assets",
                "liabilities");
        put(
                m,
                PiiType.HEALTH,
                "diagnosis",
                "diagnoses",
                "dx",
                "medication",
                "medications",
                "meds",
                "drug",
                "drugs",
                "prescription",
                "rx",
                "icd",
                "icd10",
                "condition",
                "conditions",
                "allergy",
                "allergies",
                "symptom",
                "symptoms",
                "disease",
                "illness",
                "treatment");
        return Map.copyOf(m);
    }

    private static void put(Map<String, PiiType> m, PiiType type, String... words) {
        for (String w : words) {
            m.put(w, type);
        }
    }
}
