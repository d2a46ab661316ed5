package io.lakehub.benchmarks;

import java.io.IOException;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Generates the labelled PII corpus (issue 9) that {@link PiiAccuracy} measures the scan against:
 * CSV tables whose columns are labelled in {@code labels.tsv} (file, column, expected type or
 * {@code -} for not PII, a note). Deterministic (seed 9): running it again rewrites the same files.
 * The hand-written {@code decoys.csv} next to them is not generated.
 *
 * <p>Honesty rules: the generator's name, street, diagnosis and medication pools are its own (they
 * overlap the scanner's word lists as real data would, but include names and terms the scanner does
 * not know); values are messy where real data is (blanks, "N/A", mixed formats, upper case); decoys
 * are the near-misses real tables hold (Luhn-failing order numbers, SSN-shaped SKUs, counts and flags
 * named after PII).
 *
 * <pre>
 * java ... io.lakehub.benchmarks.PiiCorpus [DIR]   (default processors/src/test/resources/pii-corpus)
 * </pre>
 */
public final class PiiCorpus {
    private static final int ROWS = 300;

    private static final String[] FIRST = {
        "James",
        "Mary",
        "Robert",
        "Patricia",
        "John",
        "Jennifer",
        "Michael",
        "Linda",
        "David",
        "Elizabeth",
        "William",
        "Barbara",
        "Richard",
        "Susan",
        "Joseph",
        "Jessica",
        "Thomas",
        "Sarah",
        "Charles",
        "Karen",
        "Christopher",
        "Lisa",
        "Daniel",
        "Nancy",
        "Matthew",
        "Sandra",
        "Anthony",
        "Ashley",
        "Mark",
        "Emily",
        "Donald",
        "Michelle",
        "Steven",
        "Amanda",
        "Andrew",
        "Melissa",
        "Joshua",
        "Stephanie",
        "Kevin",
        "Rebecca",
        "Brian",
        "Laura",
        "Jose",
        "Maria",
        "Carlos",
        "Sofia",
        "Wei",
        "Mei",
        "Priya",
        "Rahul",
        "Aisha",
        "Omar",
        "Olga",
        "Dmitri",
        "Giulia",
        "Pierre",
        "Ingrid",
        "Kwame",
        "Ngozi",
        "Hiroshi",
        "Thaddeus",
        "Ximena",
        "Siobhan",
        "Caoimhe",
        "Bartholomew",
        "Eulalia",
        "Zebulon",
        "Ottoline",
        "Leopold",
        "Marisol",
        "Tobias",
        "Anouk",
        "Rafferty",
        "Saoirse",
        "Dagny",
        "Evander",
        "Philippa",
        "Cosimo",
        "Imogen",
        "Lorcan"
    };
    private static final String[] LAST = {
        "Smith",
        "Johnson",
        "Williams",
        "Brown",
        "Jones",
        "Garcia",
        "Miller",
        "Davis",
        "Rodriguez",
        "Martinez",
        "Hernandez",
        "Lopez",
        "Gonzalez",
        "Wilson",
        "Anderson",
        "Thomas",
        "Taylor",
        "Moore",
        "Jackson",
        "Martin",
        "Lee",
        "Perez",
        "Thompson",
        "White",
        "Harris",
        "Sanchez",
        "Clark",
        "Ramirez",
        "Lewis",
        "Robinson",
        "Walker",
        "Young",
        "Allen",
        "King",
        "Wright",
        "Nguyen",
        "Patel",
        "Kim",
        "Chen",
        "Singh",
        "Okafor",
        "Kowalski",
        "Rossi",
        "Schmidt",
        "Dubois",
        "Tanaka",
        "Ivanov",
        "Haddad",
        "Fitzgerald",
        "Olsen",
        "Abernathy",
        "Quackenbush",
        "Vanderslice",
        "Przybylski",
        "Oyelowo",
        "Featherstonhaugh",
        "Castellanos",
        "Lindqvist",
        "Mbeki",
        "Xiong",
        "Achterberg",
        "Delacroix",
        "Okonjo",
        "Szymanski",
        "Thistlewood"
    };
    private static final String[] STREETS = {
        "Main",
        "Oak",
        "Maple",
        "Washington",
        "Lincoln",
        "Park",
        "Cedar",
        "Elm",
        "Pine",
        "Lake",
        "Hill",
        "2nd",
        "3rd",
        "5th",
        "Sunset",
        "Highland",
        "Church",
        "River",
        "Mill",
        "Spring",
        "Franklin",
        "Jefferson",
        "Chestnut",
        "Walnut",
        "Martin Luther King",
        "Old Mill",
        "Willow Creek",
        "Forest Hills",
        "Ocean View"
    };
    private static final String[] SUFFIXES = {
        "St", "Street", "Ave", "Avenue", "Rd", "Road", "Blvd", "Lane", "Ln", "Dr", "Drive", "Ct", "Way", "Pl",
        "Terrace", "Circle", "Pkwy"
    };
    private static final String[] CITIES = {
        "Springfield",
        "Jackson",
        "Madison",
        "Austin",
        "Charlotte",
        "Columbus",
        "Portland",
        "Franklin",
        "Clinton",
        "Georgetown",
        "Salem",
        "Denver",
        "Phoenix",
        "Houston",
        "Dallas",
        "Seattle",
        "Boston",
        "Chicago",
        "Tucson",
        "Marion",
        "Jacksonville",
        "Orlando",
        "Lafayette",
        "Florence",
        "Aurora",
        "Chester",
        "Milton"
    };
    private static final String[] STATES = {"CA", "NY", "TX", "FL", "IL", "PA", "OH", "GA", "NC", "MI", "WA", "OR"};
    private static final String[] AREA_CODES = {
        "212", "213", "310", "312", "415", "404", "512", "617", "646", "702", "713", "718", "773", "818", "917", "206",
        "303", "305", "503", "602", "614", "615", "704", "720", "801", "858", "919", "972"
    };
    private static final String[] DIAGNOSES = {
        "Type 2 diabetes mellitus",
        "Essential hypertension",
        "Asthma",
        "Acute bronchitis",
        "Hyperlipidemia",
        "Major depressive disorder",
        "Generalized anxiety disorder",
        "Osteoarthritis of knee",
        "Migraine",
        "Chronic kidney disease stage 3",
        "Hypothyroidism",
        "Low back pain",
        "Atrial fibrillation",
        "COPD",
        "Gastroesophageal reflux disease",
        "Pneumonia",
        "Urinary tract infection",
        "Seasonal allergic rhinitis",
        "Iron deficiency anemia",
        "Obesity",
        "Insomnia",
        "Psoriasis",
        "Sprain of ankle",
        "Plantar fasciitis"
    };
    private static final String[] ICD = {
        "E11.9", "I10", "J45.909", "J20.9", "E78.5", "F32.9", "F41.1", "M17.11", "G43.909", "N18.30", "E03.9",
        "M54.5", "I48.91", "J44.9", "K21.9", "J18.9", "N39.0", "J30.2", "D50.9", "E66.9", "G47.00", "L40.0",
        "S93.401A", "M72.2"
    };
    private static final String[] MEDS = {
        "Metformin",
        "Lisinopril",
        "Atorvastatin",
        "Amlodipine",
        "Levothyroxine",
        "Albuterol",
        "Omeprazole",
        "Sertraline",
        "Gabapentin",
        "Losartan",
        "Hydrochlorothiazide",
        "Escitalopram",
        "Montelukast",
        "Insulin glargine",
        "Prednisone",
        "Amoxicillin",
        "Tramadol",
        "Fluoxetine",
        "Warfarin",
        "Apixaban",
        "Vitamin D3",
        "Jardiance"
    };
    private static final String[] PRODUCTS = {
        "Wireless Mouse",
        "USB-C Cable",
        "Rose Gold Watch",
        "Jordan Sneakers",
        "Grace Kelly Poster",
        "Desk Lamp",
        "Coffee Grinder",
        "Hunter Boots",
        "Noise Cancelling Headphones",
        "Yoga Mat",
        "Cast Iron Skillet",
        "Bluetooth Speaker",
        "Mason Jar Set",
        "Phoenix Kite",
        "Standing Desk",
        "Espresso Machine",
        "Camping Tent",
        "Carter's Onesie",
        "Victoria Sponge Tin",
        "Sterling Silver Ring"
    };
    private static final String[] REVIEWS = {
        "Arrived two days late but works fine so far.", "Great value for the price, would buy again.",
        "The color is slightly different from the picture.", "Stopped working after a week, requesting a refund.",
        "Exactly as described. Five stars from me and my family.", "Packaging was damaged but the item is ok.",
        "Customer service resolved my issue within an hour.",
                "Order 4471 shipped in 3 boxes, all arrived on 2024-03-05.",
        "Battery lasts about 12 hours with heavy use.", "Size runs small, order one size up."
    };

    private final Random r = new Random(9);

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "processors/src/test/resources/pii-corpus");
        Files.createDirectories(dir);
        new PiiCorpus().write(dir);
    }

    private record Col(String name, String label, String note, Supplier<String> values) {}

    private void write(Path dir) throws IOException {
        List<String[]> labels = new ArrayList<>();
        table(dir, "customers.csv", labels, named());
        table(dir, "content_only.csv", labels, contentOnly());
        table(dir, "messy.csv", labels, messy());
        table(dir, "employees.csv", labels, employees());
        table(dir, "decoys_generated.csv", labels, decoys());
        table(dir, "free_text.csv", labels, freeText());
        table(dir, "health_finance.csv", labels, healthFinance());
        table(dir, "variants.csv", labels, variants());
        try (Writer w = Files.newBufferedWriter(dir.resolve("labels-generated.tsv"), StandardCharsets.UTF_8)) {
            w.write("# file\tcolumn\texpected (PiiType or - for not PII)\tnote; generated by PiiCorpus, seed 9\n");
            for (String[] l : labels) {
                w.write(String.join("\t", l) + "\n");
            }
        }
    }

    private void table(Path dir, String file, List<String[]> labels, List<Col> cols) throws IOException {
        try (Writer w = Files.newBufferedWriter(dir.resolve(file), StandardCharsets.UTF_8)) {
            w.write(String.join(",", cols.stream().map(Col::name).toList()) + "\n");
            for (int row = 0; row < ROWS; row++) {
                List<String> cells = new ArrayList<>();
                for (Col c : cols) {
                    cells.add(csv(c.values.get()));
                }
                w.write(String.join(",", cells) + "\n");
            }
        }
        for (Col c : cols) {
            labels.add(new String[] {file, c.name, c.label, c.note});
        }
    }

    private static String csv(String v) {
        if (v == null) {
            return "";
        }
        if (v.contains(",") || v.contains("\"") || v.contains("\n")) {
            return "\"" + v.replace("\"", "\"\"") + "\"";
        }
        return v;
    }

    // ---- tables

    private List<Col> named() {
        List<Col> c = new ArrayList<>();
        int[] id = {1000};
        c.add(new Col("customer_id", "-", "sequence", () -> Integer.toString(id[0]++)));
        c.add(new Col("first_name", "PERSON_NAME", "", () -> pick(FIRST)));
        c.add(new Col("last_name", "PERSON_NAME", "", () -> pick(LAST)));
        c.add(new Col("full_name", "PERSON_NAME", "", () -> pick(FIRST) + " " + pick(LAST)));
        c.add(new Col("email", "EMAIL", "", this::email));
        c.add(new Col("phone", "PHONE", "NANP, mixed formats", this::nanp));
        c.add(new Col("ssn", "US_SSN", "", this::ssn));
        c.add(new Col("date_of_birth", "DATE_OF_BIRTH", "ISO dates", () -> birth().toString()));
        c.add(new Col("street_address", "STREET_ADDRESS", "", this::street));
        c.add(new Col("city", "-", "cities named like people (Jackson, Madison, Austin)", () -> pick(CITIES)));
        c.add(new Col("state", "-", "", () -> pick(STATES)));
        c.add(new Col("zip", "-", "", () -> String.format(Locale.ROOT, "%05d", 1000 + r.nextInt(98000))));
        c.add(new Col("country_code", "-", "", () -> pick("US", "CA", "GB", "DE", "FR", "MX")));
        c.add(new Col("signup_ts", "-", "", this::timestamp));
        c.add(new Col("is_active", "-", "", () -> r.nextBoolean() ? "true" : "false"));
        c.add(new Col("last_login_ip", "IP_ADDRESS", "", this::ipv4));
        c.add(new Col("credit_card", "CREDIT_CARD", "", () -> card(r.nextInt(3))));
        c.add(new Col("iban", "IBAN", "", () -> iban(false)));
        c.add(new Col("salary", "FINANCIAL", "integers", () -> Integer.toString(30_000 + r.nextInt(220) * 1000)));
        c.add(new Col("account_balance", "FINANCIAL", "decimals, some negative", this::balance));
        c.add(new Col("loyalty_points", "-", "", () -> Integer.toString(r.nextInt(5000))));
        return c;
    }

    private List<Col> contentOnly() {
        List<Col> c = new ArrayList<>();
        c.add(new Col("c1", "EMAIL", "content only", this::email));
        c.add(new Col("c2", "PHONE", "content only, formatted NANP", this::nanp));
        c.add(new Col("c3", "PHONE", "content only, international with +", this::intl));
        c.add(new Col("c4", "US_SSN", "content only", this::ssn));
        c.add(new Col("c5", "CREDIT_CARD", "content only, spaces", () -> card(1)));
        c.add(new Col("c6", "IBAN", "content only, grouped", () -> iban(true)));
        c.add(new Col("c7", "IP_ADDRESS", "content only, v6", this::ipv6));
        c.add(new Col("c8", "IP_ADDRESS", "content only, v4", this::ipv4));
        c.add(new Col("c9", "DATE_OF_BIRTH", "content only, birth-year dates, no time", () -> birth().toString()));
        c.add(new Col("c10", "PERSON_NAME", "content only, full names", () -> pick(FIRST) + " " + pick(LAST)));
        c.add(new Col("c11", "STREET_ADDRESS", "content only", this::street));
        c.add(new Col("c12", "HEALTH", "content only, medications with doses", () -> pick(MEDS) + " " + dose()));
        c.add(new Col("field_1", "-", "content only, SKUs", this::sku));
        c.add(new Col(
                "field_2",
                "-",
                "content only, prices",
                () -> String.format(Locale.ROOT, "%.2f", r.nextDouble() * 500)));
        c.add(new Col("field_3", "-", "content only, timestamps", this::timestamp));
        c.add(new Col(
                "field_4",
                "-",
                "content only, 10-digit ids (bare digits)",
                () -> Long.toString(2_000_000_000L + (long) (r.nextDouble() * 7_000_000_000L))));
        c.add(new Col(
                "field_5",
                "-",
                "content only, recent dates",
                () -> LocalDate.of(2019, 1, 1).plusDays(r.nextInt(2400)).toString()));
        c.add(new Col("field_6", "-", "content only, hex ids", () -> Long.toHexString(r.nextLong())));
        c.add(new Col("field_7", "-", "content only, country codes", () -> pick("US", "CA", "GB", "DE", "FR", "JP")));
        c.add(new Col("field_8", "-", "content only, product names", () -> pick(PRODUCTS)));
        c.add(new Col("field_9", "-", "content only, counts", () -> Integer.toString(r.nextInt(40))));
        c.add(new Col(
                "field_10",
                "-",
                "content only, 16-digit order numbers (random, mostly failing Luhn)",
                this::orderNumber));
        c.add(new Col(
                "x",
                "FINANCIAL",
                "hard case: salaries under a meaningless name; content alone cannot tell a salary from a price",
                () -> Integer.toString(30_000 + r.nextInt(220) * 1000)));
        return c;
    }

    private List<Col> messy() {
        List<Col> c = new ArrayList<>();
        c.add(new Col(
                "Customer Name", "PERSON_NAME", "upper case, Last, First, initials, some blanks", this::messyName));
        c.add(new Col("E-Mail", "EMAIL", "mixed case, plus tags, 10% blank or N/A", () -> messy(this::email)));
        c.add(new Col(
                "Tel",
                "PHONE",
                "NANP and international, 10% junk",
                () -> messy(() -> r.nextBoolean() ? nanp() : intl())));
        c.add(new Col("phone_digits", "PHONE", "bare 10-digit numbers (read as bigint)", this::bareNanp));
        c.add(new Col(
                "SSN",
                "US_SSN",
                "dashes, some bare 9 digits",
                () -> r.nextInt(4) == 0 ? ssn().replace("-", "") : ssn()));
        c.add(new Col(
                "DOB",
                "DATE_OF_BIRTH",
                "mm/dd/yyyy text",
                () -> messy(() -> {
                    LocalDate d = birth();
                    return String.format(
                            Locale.ROOT, "%02d/%02d/%04d", d.getMonthValue(), d.getDayOfMonth(), d.getYear());
                })));
        c.add(new Col(
                "Address",
                "STREET_ADDRESS",
                "with units, city and ZIP, some PO boxes",
                () -> r.nextInt(10) == 0
                        ? "PO Box " + r.nextInt(9999)
                        : street() + ", " + pick(CITIES) + ", " + pick(STATES) + " " + (10000 + r.nextInt(89999))));
        c.add(new Col("Card", "CREDIT_CARD", "dashes, Amex 4-6-5, some blanks", () -> messy(() -> card(2))));
        c.add(new Col(
                "IBAN_Number",
                "IBAN",
                "lower and upper case",
                () -> r.nextBoolean() ? iban(true) : iban(false).toLowerCase(Locale.ROOT)));
        c.add(new Col("client ip", "IP_ADDRESS", "v4 and v6 mixed", () -> r.nextBoolean() ? ipv4() : ipv6()));
        c.add(new Col("Notes", "-", "free text without PII", () -> pick(REVIEWS)));
        c.add(new Col(
                "Amount",
                "-",
                "currency amounts of orders",
                () -> "$" + String.format(Locale.ROOT, "%,.2f", r.nextDouble() * 2000)));
        c.add(new Col("Status", "-", "", () -> pick("NEW", "SHIPPED", "DELIVERED", "RETURNED")));
        return c;
    }

    private List<Col> employees() {
        List<Col> c = new ArrayList<>();
        c.add(new Col("EmployeeId", "-", "", () -> "E" + (10000 + r.nextInt(90000))));
        c.add(new Col("GivenName", "PERSON_NAME", "camelCase name", () -> pick(FIRST)));
        c.add(new Col("Surname", "PERSON_NAME", "", () -> pick(LAST)));
        c.add(new Col("EmailAddress", "EMAIL", "", this::email));
        c.add(new Col("MobileNumber", "PHONE", "international", this::intl));
        c.add(new Col("SocialSecurityNumber", "US_SSN", "", this::ssn));
        c.add(new Col("DateOfBirth", "DATE_OF_BIRTH", "", () -> birth().toString()));
        c.add(new Col("HomeAddress", "STREET_ADDRESS", "", this::street));
        c.add(new Col("AnnualSalary", "FINANCIAL", "", () -> Integer.toString(40_000 + r.nextInt(200) * 500)));
        c.add(new Col("BankIBAN", "IBAN", "", () -> iban(false)));
        c.add(new Col("CorporateCardNumber", "CREDIT_CARD", "", () -> card(0)));
        c.add(new Col("WorkstationIp", "IP_ADDRESS", "", this::ipv4));
        c.add(new Col("Department", "-", "", () -> pick("Sales", "Engineering", "Finance", "HR", "Legal", "Support")));
        c.add(new Col("JobTitle", "-", "", () -> pick("Manager", "Engineer", "Analyst", "Director", "Associate")));
        c.add(new Col(
                "HireDate",
                "-",
                "dates 1995-2024",
                () -> LocalDate.of(1995, 1, 1).plusDays(r.nextInt(10500)).toString()));
        c.add(new Col("ManagerName", "PERSON_NAME", "", () -> pick(FIRST) + " " + pick(LAST)));
        c.add(new Col(
                "Allergies",
                "HEALTH",
                "30% None",
                () -> r.nextInt(10) < 3
                        ? "None"
                        : pick("Penicillin", "Peanuts", "Latex", "Shellfish", "Sulfa drugs", "Pollen", "Bee stings")));
        c.add(new Col("CreditLimit", "FINANCIAL", "", () -> Integer.toString(500 * (1 + r.nextInt(60)))));
        c.add(new Col("OfficeCity", "-", "", () -> pick(CITIES)));
        c.add(new Col("Badge", "-", "", () -> Integer.toString(r.nextInt(2))));
        return c;
    }

    private List<Col> decoys() {
        List<Col> c = new ArrayList<>();
        c.add(new Col("ssn_verified", "-", "boolean named after SSN", () -> r.nextBoolean() ? "true" : "false"));
        c.add(new Col("phone_count", "-", "integer named after phone", () -> Integer.toString(r.nextInt(4))));
        c.add(new Col(
                "order_number", "-", "16-digit numbers, random (about 10% pass Luhn by chance)", this::orderNumber));
        c.add(new Col("card_order_ref", "-", "16 digits starting with 4, forced to fail Luhn", this::luhnFailing));
        c.add(new Col("part_sku", "-", "SSN-shaped, invalid areas (9xx, 000, 666)", this::invalidSsn));
        c.add(new Col("email_verified", "-", "", () -> r.nextBoolean() ? "yes" : "no"));
        c.add(new Col("email_domain", "-", "", () -> pick("gmail.com", "yahoo.com", "outlook.com", "example.org")));
        c.add(new Col("card_last4", "-", "", () -> String.format(Locale.ROOT, "%04d", r.nextInt(10000))));
        c.add(new Col("card_type", "-", "", () -> pick("VISA", "MASTERCARD", "AMEX")));
        c.add(new Col("phone_country", "-", "", () -> pick("US", "GB", "DE")));
        c.add(new Col("phone_model", "-", "", () -> pick("iPhone 14", "Pixel 8", "Galaxy S23")));
        c.add(new Col(
                "product_name", "-", "product names, some with first names (Rose Gold Watch)", () -> pick(PRODUCTS)));
        c.add(new Col("name", "-", "a bare 'name' column holding product names", () -> pick(PRODUCTS)));
        c.add(new Col(
                "item_condition", "-", "'condition' that is not health", () -> pick("new", "used", "refurbished")));
        c.add(new Col("salary_currency", "-", "", () -> pick("USD", "EUR", "GBP")));
        c.add(new Col("income_bracket", "-", "", () -> pick("<25k", "25k-50k", "50k-100k", ">100k")));
        c.add(new Col("ip_version", "-", "", () -> pick("v4", "v6")));
        c.add(new Col("mac_address", "-", "MAC addresses (not IPv6)", this::mac));
        c.add(new Col(
                "app_version", "-", "dotted versions", () -> r.nextInt(5) + "." + r.nextInt(20) + "." + r.nextInt(10)));
        c.add(new Col(
                "order_date",
                "-",
                "recent dates",
                () -> LocalDate.of(2020, 1, 1).plusDays(r.nextInt(2000)).toString()));
        c.add(new Col("created_at", "-", "", this::timestamp));
        c.add(new Col(
                "tracking_number",
                "-",
                "UPS-style",
                () -> "1Z"
                        + String.format(
                                Locale.ROOT, "%06X%010d", r.nextInt(0xFFFFFF), (long) (r.nextDouble() * 1e10))));
        c.add(new Col("isbn", "-", "ISBN-13", this::isbn));
        c.add(new Col("price", "-", "", () -> String.format(Locale.ROOT, "%.2f", 1 + r.nextDouble() * 300)));
        c.add(new Col("quantity", "-", "", () -> Integer.toString(1 + r.nextInt(12))));
        c.add(new Col("latitude", "-", "", () -> String.format(Locale.ROOT, "%.6f", -90 + r.nextDouble() * 180)));
        c.add(new Col("session_id", "-", "UUIDs", () -> new java.util.UUID(r.nextLong(), r.nextLong()).toString()));
        c.add(new Col("sha256", "-", "", () -> new BigInteger(256, r).toString(16)));
        c.add(new Col("url", "-", "", () -> "https://shop.example.com/p/" + r.nextInt(100000)));
        c.add(new Col(
                "company_name", "-", "", () -> pick(LAST) + " " + pick("Inc", "LLC", "Holdings", "& Sons", "Group")));
        c.add(new Col(
                "street_name", "-", "street names without house numbers", () -> pick(STREETS) + " " + pick(SUFFIXES)));
        c.add(new Col("store_phone_ext", "-", "extensions", () -> Integer.toString(100 + r.nextInt(900))));
        c.add(new Col("weather_condition", "-", "", () -> pick("sunny", "cloudy", "rain", "snow")));
        c.add(new Col(
                "birth_year_of_product_line",
                "-",
                "hard case: years, named 'birth'",
                () -> Integer.toString(1990 + r.nextInt(30))));
        return c;
    }

    private List<Col> freeText() {
        List<Col> c = new ArrayList<>();
        c.add(new Col(
                "ticket_body",
                "EMAIL",
                "free text, 15% of cells embed an e-mail",
                () -> r.nextInt(100) < 15
                        ? pick("Please reply to ", "You can reach me at ", "My new address is ") + email() + " "
                                + pick(REVIEWS)
                        : pick(REVIEWS)));
        c.add(new Col(
                "chat_message",
                "PHONE",
                "free text, 10% embed a phone number",
                () -> r.nextInt(100) < 10
                        ? pick("Call me back on ", "my number is ", "text ") + (r.nextBoolean() ? nanp() : intl())
                                + " thanks"
                        : pick(REVIEWS)));
        c.add(new Col(
                "payment_comment",
                "CREDIT_CARD",
                "free text, 5% embed a card number",
                () -> r.nextInt(100) < 5
                        ? "Card " + card(1) + " was declined, customer will retry tomorrow."
                        : pick(REVIEWS)));
        c.add(new Col(
                "wire_note",
                "IBAN",
                "free text, 8% embed an IBAN",
                () -> r.nextInt(100) < 8
                        ? "Refund sent to " + iban(true) + " as requested by the customer."
                        : pick(REVIEWS)));
        c.add(new Col(
                "hr_comment",
                "US_SSN",
                "free text, 6% embed an SSN",
                () -> r.nextInt(100) < 6
                        ? "Updated tax form, SSN " + ssn() + " confirmed by payroll."
                        : pick(REVIEWS)));
        c.add(new Col("review_text", "-", "free text, no PII (mentions order numbers and dates)", () -> pick(REVIEWS)));
        c.add(new Col(
                "description",
                "-",
                "product descriptions with numbers",
                () -> pick(PRODUCTS) + ", model " + (1000 + r.nextInt(9000)) + ", ships in " + (1 + r.nextInt(9))
                        + " days, SKU " + sku()));
        c.add(new Col(
                "payload",
                "EMAIL",
                "JSON documents, 20% with an e-mail field",
                () -> r.nextInt(5) == 0
                        ? "{\"event\":\"signup\",\"user\":{\"email\":\"" + email() + "\"}}"
                        : "{\"event\":\"view\",\"page\":" + r.nextInt(100) + "}"));
        return c;
    }

    private List<Col> healthFinance() {
        List<Col> c = new ArrayList<>();
        c.add(new Col("patient_id", "-", "", () -> "P-" + (100000 + r.nextInt(900000))));
        c.add(new Col("diagnosis", "HEALTH", "condition names, not all in the lexicon", () -> pick(DIAGNOSES)));
        c.add(new Col("icd10_code", "HEALTH", "", () -> pick(ICD)));
        c.add(new Col("medication", "HEALTH", "with doses", () -> pick(MEDS) + " " + dose()));
        c.add(new Col(
                "col_17",
                "HEALTH",
                "content only: dotted ICD-10 codes",
                () -> pick(
                        "E11.9",
                        "J45.909",
                        "F41.1",
                        "M17.11",
                        "G43.909",
                        "N18.30",
                        "K21.9",
                        "S93.401A",
                        "I48.91",
                        "E78.5")));
        c.add(new Col(
                "annual_income",
                "FINANCIAL",
                "currency text",
                () -> "$" + String.format(Locale.ROOT, "%,d", 20_000 + r.nextInt(300) * 1000)));
        c.add(new Col(
                "net_worth", "FINANCIAL", "", () -> Long.toString(-50_000 + (long) (r.nextDouble() * 2_000_000))));
        c.add(new Col("credit_limit", "FINANCIAL", "", () -> Integer.toString(1000 * (1 + r.nextInt(50)))));
        c.add(new Col("savings_balance", "FINANCIAL", "", this::balance));
        c.add(new Col(
                "visit_date",
                "-",
                "",
                () -> LocalDate.of(2021, 1, 1).plusDays(r.nextInt(1300)).toString()));
        c.add(new Col("ward", "-", "", () -> pick("A", "B", "C", "ICU")));
        c.add(new Col("dosage_unit", "-", "", () -> pick("mg", "ml", "mcg")));
        c.add(new Col("copay_tier", "-", "", () -> Integer.toString(1 + r.nextInt(4))));
        c.add(new Col("lab_result", "-", "numbers", () -> String.format(Locale.ROOT, "%.1f", 3 + r.nextDouble() * 8)));
        c.add(new Col(
                "balance_due_date",
                "-",
                "a date named 'balance'",
                () -> LocalDate.of(2024, 1, 1).plusDays(r.nextInt(365)).toString()));
        return c;
    }

    private List<Col> variants() {
        List<Col> c = new ArrayList<>();
        c.add(new Col("contact_email", "EMAIL", "40% blank", () -> r.nextInt(10) < 4 ? "" : email()));
        c.add(new Col(
                "phone_number",
                "PHONE",
                "10% with an extension",
                () -> r.nextInt(10) == 0 ? nanp() + " x" + r.nextInt(999) : nanp()));
        c.add(new Col(
                "billing_address", "STREET_ADDRESS", "", () -> street() + ", " + pick(CITIES) + ", " + pick(STATES)));
        c.add(new Col("birthdate", "DATE_OF_BIRTH", "timestamps at midnight", () -> birth() + " 00:00:00"));
        c.add(new Col(
                "patient_name",
                "PERSON_NAME",
                "Last, First M.",
                () -> pick(LAST) + ", " + pick(FIRST) + " " + (char) ('A' + r.nextInt(26)) + "."));
        c.add(new Col("ipv6_addr", "IP_ADDRESS", "", this::ipv6));
        c.add(new Col("current_medications", "HEALTH", "lists", () -> pick(MEDS) + "; " + pick(MEDS)));
        c.add(new Col(
                "monthly_income",
                "FINANCIAL",
                "decimals",
                () -> String.format(Locale.ROOT, "%.2f", 1500 + r.nextDouble() * 12000)));
        c.add(new Col(
                "cardholder",
                "PERSON_NAME",
                "upper case as embossed",
                () -> (pick(FIRST) + " " + pick(LAST)).toUpperCase(Locale.ROOT)));
        c.add(new Col("tax_id", "US_SSN", "SSNs under a name the scan does not know", this::ssn));
        c.add(new Col("zip_code", "-", "", () -> String.format(Locale.ROOT, "%05d", 1000 + r.nextInt(98000))));
        c.add(new Col("employee_count", "-", "", () -> Integer.toString(1 + r.nextInt(5000))));
        c.add(new Col("phone_verified", "-", "", () -> r.nextBoolean() ? "Y" : "N"));
        c.add(new Col(
                "birth_country",
                "-",
                "'birth' over country names",
                () -> pick("Mexico", "India", "Germany", "Nigeria", "Canada")));
        c.add(new Col("last_login", "-", "'last' over timestamps", this::timestamp));
        c.add(new Col(
                "first_seen",
                "-",
                "'first' over dates",
                () -> LocalDate.of(2023, 1, 1).plusDays(r.nextInt(600)).toString()));
        c.add(new Col("emergency_contact_relationship", "-", "", () -> pick("Spouse", "Parent", "Sibling", "Friend")));
        c.add(new Col(
                "username",
                "-",
                "handles, not a type of the scan",
                () -> pick(FIRST).toLowerCase(Locale.ROOT).charAt(0)
                        + pick(LAST).toLowerCase(Locale.ROOT)
                        + r.nextInt(100)));
        c.add(new Col("ean13", "-", "barcodes", this::isbn));
        c.add(new Col(
                "account_number",
                "-",
                "bank account numbers: not an IBAN, not a card",
                () -> Long.toString(1_000_000_000L + (long) (r.nextDouble() * 8_999_999_999L))));
        c.add(new Col(
                "server_ip_port",
                "-",
                "hard case: host:port of servers, labelled not PII",
                () -> "10.0." + r.nextInt(256) + "." + r.nextInt(256) + ":" + (1024 + r.nextInt(60000))));
        c.add(new Col(
                "referral_note",
                "EMAIL",
                "hard case: 1% of cells embed an e-mail",
                () -> r.nextInt(100) == 0 ? "Referred by " + email() + " last spring" : pick(REVIEWS)));
        return c;
    }

    // ---- values

    private String pick(String... values) {
        return values[r.nextInt(values.length)];
    }

    private String messy(Supplier<String> value) {
        int k = r.nextInt(20);
        return k == 0 ? "" : k == 1 ? "N/A" : value.get();
    }

    private String email() {
        String f = pick(FIRST).toLowerCase(Locale.ROOT);
        String l = pick(LAST).toLowerCase(Locale.ROOT);
        String local = switch (r.nextInt(5)) {
            case 0 -> f + "." + l;
            case 1 -> f.charAt(0) + l + r.nextInt(100);
            case 2 -> f + "_" + l + "+news";
            case 3 -> l + "." + f.charAt(0);
            default -> (f + l).toUpperCase(Locale.ROOT);
        };
        return local + "@"
                + pick(
                        "gmail.com",
                        "yahoo.com",
                        "outlook.com",
                        "example.co.uk",
                        "mail.acme-corp.com",
                        "uni.edu",
                        "web.de");
    }

    private String nanp() {
        String a = pick(AREA_CODES);
        String e;
        do {
            e = Integer.toString(200 + r.nextInt(800));
        } while (e.equals("555") || e.endsWith("11"));
        String l = String.format(Locale.ROOT, "%04d", r.nextInt(10000));
        return switch (r.nextInt(5)) {
            case 0 -> "(" + a + ") " + e + "-" + l;
            case 1 -> a + "-" + e + "-" + l;
            case 2 -> a + "." + e + "." + l;
            case 3 -> "+1 " + a + " " + e + " " + l;
            default -> "1-" + a + "-" + e + "-" + l;
        };
    }

    private String bareNanp() {
        String e;
        do {
            e = Integer.toString(200 + r.nextInt(800));
        } while (e.equals("555") || e.endsWith("11"));
        return pick(AREA_CODES) + e + String.format(Locale.ROOT, "%04d", r.nextInt(10000));
    }

    private String intl() {
        return switch (r.nextInt(4)) {
            case 0 -> "+44 7" + (400 + r.nextInt(500)) + " " + String.format(Locale.ROOT, "%06d", r.nextInt(1_000_000));
            case 1 -> "+49 15" + (1 + r.nextInt(3)) + " " + String.format(Locale.ROOT, "%08d", r.nextInt(100_000_000));
            case 2 ->
                String.format(
                        Locale.ROOT,
                        "+33 6 %02d %02d %02d %02d",
                        r.nextInt(100),
                        r.nextInt(100),
                        r.nextInt(100),
                        r.nextInt(100));
            default -> "+91 9" + String.format(Locale.ROOT, "%04d %05d", r.nextInt(10000), r.nextInt(100000));
        };
    }

    private String ssn() {
        int area;
        do {
            area = 1 + r.nextInt(899);
        } while (area == 666);
        return String.format(Locale.ROOT, "%03d-%02d-%04d", area, 1 + r.nextInt(99), 1 + r.nextInt(9999));
    }

    private String invalidSsn() {
        int area = switch (r.nextInt(3)) {
            case 0 -> 900 + r.nextInt(100);
            case 1 -> 0;
            default -> 666;
        };
        return String.format(Locale.ROOT, "%03d-%02d-%04d", area, r.nextInt(100), r.nextInt(10000));
    }

    private String sku() {
        return pick("AB", "XK", "QT", "ZZ") + "-" + (1000 + r.nextInt(9000)) + "-" + pick("S", "M", "L", "XL");
    }

    /** A valid card: 0 plain digits, 1 groups with blanks, 2 groups with dashes (Amex 4-6-5). */
    private String card(int style) {
        int kind = r.nextInt(5);
        String prefix = switch (kind) {
            case 0 -> "4";
            case 1 -> Integer.toString(51 + r.nextInt(5));
            case 2 -> pick("34", "37");
            case 3 -> "6011";
            default -> Integer.toString(2221 + r.nextInt(500));
        };
        int length = kind == 2 ? 15 : 16;
        StringBuilder d = new StringBuilder(prefix);
        while (d.length() < length - 1) {
            d.append(r.nextInt(10));
        }
        d.append(luhnDigit(d));
        String s = d.toString();
        if (style == 0) {
            return s;
        }
        String sep = style == 1 ? " " : "-";
        if (length == 15) {
            return s.substring(0, 4) + sep + s.substring(4, 10) + sep + s.substring(10);
        }
        return s.substring(0, 4) + sep + s.substring(4, 8) + sep + s.substring(8, 12) + sep + s.substring(12);
    }

    private static int luhnDigit(CharSequence partial) {
        int sum = 0;
        for (int i = partial.length() - 1, k = 0; i >= 0; i--, k++) {
            int v = partial.charAt(i) - '0';
            if (k % 2 == 0) {
                v *= 2;
                if (v > 9) {
                    v -= 9;
                }
            }
            sum += v;
        }
        return (10 - sum % 10) % 10;
    }

    private String orderNumber() {
        StringBuilder d = new StringBuilder();
        d.append(1 + r.nextInt(9));
        while (d.length() < 16) {
            d.append(r.nextInt(10));
        }
        return d.toString();
    }

    private String luhnFailing() {
        StringBuilder d = new StringBuilder("4");
        while (d.length() < 15) {
            d.append(r.nextInt(10));
        }
        d.append((luhnDigit(d) + 1 + r.nextInt(9)) % 10);
        return d.toString();
    }

    private static final Map<String, Integer> IBAN_BBAN = new LinkedHashMap<>();

    static {
        IBAN_BBAN.put("DE", 18);
        IBAN_BBAN.put("GB", 18);
        IBAN_BBAN.put("FR", 23);
        IBAN_BBAN.put("NL", 14);
        IBAN_BBAN.put("ES", 20);
        IBAN_BBAN.put("IT", 23);
        IBAN_BBAN.put("BE", 12);
    }

    private String iban(boolean grouped) {
        List<String> countries = new ArrayList<>(IBAN_BBAN.keySet());
        String cc = countries.get(r.nextInt(countries.size()));
        int n = IBAN_BBAN.get(cc);
        StringBuilder bban = new StringBuilder();
        if (cc.equals("GB") || cc.equals("NL")) {
            for (int i = 0; i < 4; i++) {
                bban.append((char) ('A' + r.nextInt(26)));
            }
        } else if (cc.equals("IT")) {
            bban.append((char) ('A' + r.nextInt(26)));
        }
        while (bban.length() < n) {
            bban.append(r.nextInt(10));
        }
        String check = String.format(Locale.ROOT, "%02d", 98 - mod97(bban + cc + "00"));
        String iban = cc + check + bban;
        if (!grouped) {
            return iban;
        }
        StringBuilder g = new StringBuilder();
        for (int i = 0; i < iban.length(); i += 4) {
            if (i > 0) {
                g.append(' ');
            }
            g.append(iban, i, Math.min(iban.length(), i + 4));
        }
        return g.toString();
    }

    private static int mod97(String s) {
        int mod = 0;
        for (char ch : s.toCharArray()) {
            mod = Character.isDigit(ch) ? (mod * 10 + (ch - '0')) % 97 : (mod * 100 + (ch - 'A' + 10)) % 97;
        }
        return mod;
    }

    private String ipv4() {
        return switch (r.nextInt(3)) {
            case 0 -> "10." + r.nextInt(256) + "." + r.nextInt(256) + "." + (1 + r.nextInt(254));
            case 1 -> "192.168." + r.nextInt(256) + "." + (1 + r.nextInt(254));
            default -> (11 + r.nextInt(200)) + "." + r.nextInt(256) + "." + r.nextInt(256) + "." + (1 + r.nextInt(254));
        };
    }

    private String ipv6() {
        if (r.nextBoolean()) {
            return "2001:db8:" + Integer.toHexString(r.nextInt(0x10000)) + "::"
                    + Integer.toHexString(1 + r.nextInt(0xffff));
        }
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i > 0) {
                s.append(':');
            }
            s.append(Integer.toHexString(r.nextInt(0x10000)));
        }
        return s.toString();
    }

    private String mac() {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            if (i > 0) {
                s.append(':');
            }
            s.append(String.format(Locale.ROOT, "%02X", r.nextInt(256)));
        }
        return s.toString();
    }

    private String isbn() {
        StringBuilder d = new StringBuilder(pick("978", "979"));
        while (d.length() < 12) {
            d.append(r.nextInt(10));
        }
        int sum = 0;
        for (int i = 0; i < 12; i++) {
            sum += (d.charAt(i) - '0') * (i % 2 == 0 ? 1 : 3);
        }
        return d.append((10 - sum % 10) % 10).toString();
    }

    private LocalDate birth() {
        return LocalDate.of(1940, 1, 1).plusDays(r.nextInt(24_000));
    }

    private String timestamp() {
        return LocalDate.of(2022, 1, 1).plusDays(r.nextInt(1000)) + "T"
                + String.format(Locale.ROOT, "%02d:%02d:%02d", r.nextInt(24), r.nextInt(60), r.nextInt(60)) + "Z";
    }

    private String balance() {
        return String.format(Locale.ROOT, "%.2f", -2000 + r.nextDouble() * 80_000);
    }

    private String dose() {
        return pick("5 mg", "10 mg", "20 mg", "500 mg", "1000 mg", "90 mcg", "100 units") + " "
                + pick("daily", "twice daily", "as needed");
    }

    private String street() {
        String s = (1 + r.nextInt(9999)) + " " + (r.nextInt(6) == 0 ? pick("N", "S", "E", "W") + " " : "")
                + pick(STREETS) + " " + pick(SUFFIXES);
        int unit = r.nextInt(6);
        return unit == 0
                ? s + " Apt " + (1 + r.nextInt(30)) + pick("A", "B", "")
                : unit == 1 ? s + ", Suite " + (100 + r.nextInt(400)) : s;
    }

    private String messyName() {
        String f = pick(FIRST);
        String l = pick(LAST);
        return switch (r.nextInt(6)) {
            case 0 -> (l + ", " + f).toUpperCase(Locale.ROOT);
            case 1 -> f + " " + (char) ('A' + r.nextInt(26)) + ". " + l;
            case 2 -> "";
            case 3 -> l + ", " + f;
            default -> f + " " + l;
        };
    }
}
