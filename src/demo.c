/* demo: a landlord's database of plausible people, staff and cases in every state.
 *
 * The build has two passes. The plan decides each case's state and, by trying its timeline at
 * a few received dates, places it in time: open cases so that their next target lands where the
 * queue should show it (overdue, due today, due soon, on track), closed ones anywhere in the
 * years of history. The cases are then written in the order they were received, so references
 * run in order within each year, with every row and event derived again from the case's own
 * seed. Rows are written with explicit ids through prepared statements in large transactions,
 * each row after the rows it points at. */
#include "config.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "redress/action.h"
#include "redress/audit.h"
#include "redress/clock.h"
#include "redress/complaint.h"
#include "redress/demo.h"
#include "redress/person.h"
#include "redress/xalloc.h"

#define COUNT_OF(a) (sizeof (a) / sizeof *(a))
#define DEMO_CASES_PER_COMMIT 4096
#define DEMO_PREVIOUS_POLICY "three-ten-six-months"
#define DEMO_PROGRESS_EVERY 1024

/* --- words ---------------------------------------------------------------------------- */

static const char *const demo_first_names[] = {
   "Olivia", "Amelia", "Isla", "Ava", "Mia", "Grace", "Sophia", "Lily", "Freya", "Emily", "Ella", "Poppy",
   "Evie", "Charlotte", "Jessica", "Sarah", "Karen", "Susan", "Margaret", "Patricia", "Linda", "Julie",
   "Tracey", "Joanne", "Nicola", "Claire", "Emma", "Rachel", "Hannah", "Chloe", "Megan", "Zainab", "Aisha",
   "Fatima", "Amira", "Priya", "Anjali", "Mei", "Agnieszka", "Oksana", "Chiamaka", "Blessing", "Noah",
   "Oliver", "George", "Leo", "Arthur", "Harry", "Oscar", "Jack", "Charlie", "Jacob", "Thomas", "James",
   "William", "David", "John", "Paul", "Mark", "Andrew", "Stephen", "Michael", "Gary", "Darren", "Lee",
   "Wayne", "Craig", "Kevin", "Ian", "Colin", "Brian", "Keith", "Mohammed", "Ahmed", "Yusuf", "Omar",
   "Imran", "Rajesh", "Sanjay", "Tomasz", "Piotr", "Kwame", "Emeka", "Declan", "Ciaran", "Rhys", "Dylan",
   "Callum", "Ewan", "Doreen", "Brenda", "Sharon", "Denise", "Maureen", "Roy", "Terry", "Dennis",
};

static const char *const demo_surnames[] = {
   "Smith", "Jones", "Williams", "Taylor", "Brown", "Davies", "Evans", "Wilson", "Thomas", "Johnson",
   "Roberts", "Robinson", "Thompson", "Wright", "Walker", "White", "Edwards", "Hughes", "Green", "Hall",
   "Lewis", "Harris", "Clarke", "Patel", "Jackson", "Wood", "Turner", "Martin", "Cooper", "Hill", "Ward",
   "Morris", "Moore", "Clark", "Lee", "King", "Baker", "Harrison", "Morgan", "Allen", "James", "Scott",
   "Phillips", "Watson", "Davis", "Parker", "Price", "Bennett", "Young", "Griffiths", "Mitchell", "Kelly",
   "Cook", "Carter", "Richardson", "Bailey", "Collins", "Bell", "Shaw", "Murphy", "Miller", "Cox",
   "Richards", "Khan", "Marshall", "Anderson", "Simpson", "Ellis", "Adams", "Singh", "Begum", "Ali",
   "Hussain", "Ahmed", "Rahman", "Chowdhury", "Kaur", "Shah", "Nowak", "Kowalski", "Okafor", "Mensah",
   "Osei", "Adeyemi", "O'Brien", "O'Connor", "McDonald", "Campbell", "Stewart", "Reid", "Murray", "Graham",
   "Kennedy", "Fletcher", "Hunt", "Lloyd", "Pearson", "Barker", "Holmes", "Owen", "Rees", "Jenkins",
   "Pritchard", "Lawson", "Barnes", "Whitaker",
};

static const char *const demo_streets[] = {
   "Acacia", "Albert", "Alexandra", "Ash", "Beech", "Birch", "Bridge", "Brook", "Castle", "Cedar", "Chapel",
   "Church", "Clarence", "Coronation", "Crown", "Elm", "Festival", "Gladstone", "Granby", "Grange",
   "Hawthorn", "Highfield", "Hill", "Holly", "Jubilee", "Kings", "Lime", "Manor", "Maple", "Market",
   "Meadow", "Mill", "Moor", "Nelson", "Oak", "Orchard", "Park", "Peel", "Primrose", "Princess", "Queens",
   "Railway", "Redhill", "Rose", "St John's", "St Mary's", "Station", "Stanley", "Sycamore", "Tennyson",
   "Victoria", "Wellington", "Willow", "Windsor", "Woodland", "York",
};

static const char *const demo_street_kinds[] = {
   "Road", "Street", "Lane", "Avenue", "Close", "Court", "Crescent", "Drive", "Grove", "Way", "Place",
   "Gardens", "Terrace", "Walk", "Rise", "View",
};

static const char *const demo_blocks[] = {
   "Beaumont", "Carlton", "Denton", "Fairfax", "Harwood", "Kingsley", "Lister", "Milton", "Norfolk",
   "Priestley", "Ruskin", "Telford",
};

typedef struct DemoTown {
   const char *name;
   const char *postcode;       /* the postcode area */
} DemoTown;

/* A landlord works in one region; the seed picks which. */
static const DemoTown demo_regions[][6] = {
   { { "Leeds", "LS" }, { "Bradford", "BD" }, { "Wakefield", "WF" }, { "Huddersfield", "HD" },
     { "Halifax", "HX" }, { "Harrogate", "HG" } },
   { { "Manchester", "M" }, { "Salford", "M" }, { "Oldham", "OL" }, { "Bolton", "BL" }, { "Wigan", "WN" },
     { "Stockport", "SK" } },
   { { "Nottingham", "NG" }, { "Derby", "DE" }, { "Leicester", "LE" }, { "Mansfield", "NG" },
     { "Loughborough", "LE" }, { "Chesterfield", "S" } },
   { { "Newcastle upon Tyne", "NE" }, { "Sunderland", "SR" }, { "Gateshead", "NE" }, { "Durham", "DH" },
     { "South Shields", "NE" }, { "Washington", "NE" } },
};

/* Postcode letters never use C, I, K, M, O or V in the last two places. */
static const char demo_postcode_letters[] = "ABDEFGHJLNPQRSTUWXYZ";

static const char *const demo_teams[] = { "Repairs", "Housing", "Customer Services", "Estates", "Income" };
enum { TEAM_REPAIRS, TEAM_HOUSING, TEAM_CUSTOMER, TEAM_ESTATES, TEAM_INCOME, TEAM_COUNT };

/* What a category is about, found from its configured name. */
typedef enum DemoTopic {
   TOPIC_REPAIRS, TOPIC_DAMP, TOPIC_ASB, TOPIC_STAFF, TOPIC_RENT, TOPIC_ESTATE, TOPIC_COMMUNICATION,
   TOPIC_LETTINGS, TOPIC_OTHER, TOPIC_COUNT
} DemoTopic;

typedef struct DemoTopicInfo {
   const char *keyword;        /* found in the category's name */
   int team;
   int weight;                 /* how common among complaints */
   const char *summaries[9];
   const char *actions[4];
} DemoTopicInfo;

static const DemoTopicInfo demo_topics[TOPIC_COUNT] = {
   [TOPIC_REPAIRS] = { "repair", TEAM_REPAIRS, 30, {
      "Boiler broke down and the engineer did not attend the booked appointment; no heating or hot water "
      "for nine days.",
      "Bathroom extractor fan reported broken in the spring and still not fixed.",
      "Front door does not lock properly; the repair job was closed without the work being done.",
      "Contractor left the kitchen in a mess after replacing the units and damaged the flooring.",
      "Window in the child's bedroom will not close; waited six weeks for a surveyor to visit.",
      "Roof leak into the back bedroom; the temporary repair failed after the first heavy rain.",
      "Repeated missed appointments for an electrical fault; took three days off work for nothing.",
      "Lift in the block out of service for a month; the resident uses a wheelchair and is stuck indoors.",
      "Leaking kitchen tap reported three times; the repair was booked twice and nobody came." },
     { "Complete the outstanding repair and confirm with the resident",
       "Arrange a post-inspection of the completed work",
       "Review the contractor's missed appointments with the contract manager",
       "Book the follow-up visit with the surveyor" } },
   [TOPIC_DAMP] = { "damp", TEAM_REPAIRS, 15, {
      "Black mould in the bedroom and bathroom keeps coming back; last year's treatment did not last.",
      "Damp patches on the living room wall reported in October; told to open the windows and heat the home.",
      "Child's asthma worse since mould spread in the bedroom; asked for a move or a proper repair.",
      "Condensation running down the windows every morning; the surveyor's recommended works were never done.",
      "Mould damaged clothes and a sofa; wants the cause fixed and compensation for the belongings.",
      "Damp and mould inspection was booked and cancelled twice without notice." },
     { "Carry out the mould wash and stain block treatment",
       "Install a humidity-controlled extractor fan",
       "Re-inspect the property for damp in six weeks",
       "Fit the loft insulation the surveyor recommended" } },
   [TOPIC_ASB] = { "anti-social", TEAM_HOUSING, 10, {
      "Reported noise from the flat above at night many times; the case was closed without anyone calling.",
      "Not kept informed about the anti-social behaviour case; calls to the housing officer not returned.",
      "Drug dealing in the stairwell reported; feels the landlord has taken no action.",
      "Neighbour's dog fouling the shared garden; the agreed action plan was not followed.",
      "Threats from a neighbour were reported but the risk assessment was never done." },
     { "Call the resident weekly with updates on the ASB case",
       "Complete the risk assessment with the resident",
       "Review the case with the ASB team leader" } },
   [TOPIC_STAFF] = { "staff", TEAM_CUSTOMER, 6, {
      "Housing officer was rude on the phone and ended the call.",
      "Staff member discussed the resident's rent arrears in front of neighbours.",
      "Repairs operative smoked inside the home and refused to wear shoe covers.",
      "A call-back was promised three times by the same adviser and never came.",
      "Officer made remarks about the resident's disability during a home visit." },
     { "Discuss the feedback with the staff member in supervision",
       "Refresh customer care training for the team",
       "Write to the resident with the outcome of the review" } },
   [TOPIC_RENT] = { "rent", TEAM_INCOME, 8, {
      "Rent account shows arrears that were already paid; letters threatening court action were sent.",
      "Service charge increased without the notice the tenancy agreement requires.",
      "Direct debit taken twice in one month and the refund took five weeks.",
      "Universal Credit payments not applied to the rent account for two months.",
      "Charged for a repair that was the landlord's responsibility." },
     { "Correct the rent account and send a new statement",
       "Refund the overpayment",
       "Withdraw the arrears letter and note the account" } },
   [TOPIC_ESTATE] = { "estate", TEAM_ESTATES, 10, {
      "Communal areas not cleaned for weeks despite the service charge.",
      "Fly-tipping behind the block reported repeatedly and not removed.",
      "Grass cutting on the estate missed all summer; the play area is unusable.",
      "Communal lighting in the car park broken for a month; residents feel unsafe.",
      "Bin store overflowing and attracting rats; pest control not arranged." },
     { "Arrange a deep clean of the communal areas",
       "Remove the fly-tipping and review the inspection schedule",
       "Repair the communal lighting" } },
   [TOPIC_COMMUNICATION] = { "communication", TEAM_CUSTOMER, 8, {
      "Letters sent to the old address after the resident asked for the record to be updated.",
      "Emails to the general mailbox never answered.",
      "Waited over an hour on the phone each time they called the contact centre.",
      "Was not told the outcome of the repair inspection.",
      "Large-print letters were requested but standard letters keep arriving." },
     { "Update the contact record and check letters go to the right address",
       "Set the large-print flag on every system",
       "Call the resident back with the inspection outcome" } },
   [TOPIC_LETTINGS] = { "letting", TEAM_HOUSING, 5, {
      "Property offered was not ready to move into; the void works were not finished.",
      "Housing register application lost and had to be submitted again.",
      "Transfer request on medical grounds not assessed after four months.",
      "Keys were not ready on the agreed tenancy start date." },
     { "Complete the outstanding void works",
       "Assess the transfer application",
       "Confirm the new tenancy start date in writing" } },
   [TOPIC_OTHER] = { NULL, TEAM_CUSTOMER, 8, {
      "Parking permit scheme introduced on the estate without consultation.",
      "Adaptation recommended by the occupational therapist delayed for months.",
      "Garden fence between the properties collapsed and nobody will say whose it is.",
      "Unhappy with how a request for a mutual exchange was handled." },
     { "Send a written explanation of the decision",
       "Review the procedure and report to the service manager" } },
};

static const char *const demo_outcomes[] = {
   "Get the repair done properly and a date for the work.",
   "An apology and an explanation of what went wrong.",
   "Compensation for the time off work and the inconvenience.",
   "A named officer to keep them informed.",
   "The problem fixed for good and a follow-up inspection.",
   "A refund of the overcharge.",
   "For the landlord to take the matter seriously and act.",
   "A move to a suitable property.",
};

static const char *const demo_extension_reasons[] = {
   "Waiting for the contractor's report on the cause of the leak",
   "Specialist damp survey booked; its results are needed for a full response",
   "The officer complained about is on leave and must be interviewed",
   "Records from the previous repairs contractor have been requested",
   "The resident asked for a home visit before the response",
   "The complaint involves three departments and needs more time to investigate",
};

static const char *const demo_reasons[][3] = {
   [DECISION_UPHELD] = {
      "The repair was reported several times and not completed within our timescales; the service fell short.",
      "Our records confirm the appointments were missed and the resident was not told.",
      "We did not follow our own procedure or keep the resident informed." },
   [DECISION_PARTLY_UPHELD] = {
      "The work took too long, though two appointments were rearranged at the resident's request.",
      "Our communication was poor, but the work itself met the required standard.",
      "Some of the issues raised were outside our responsibility; the rest were handled poorly." },
   [DECISION_NOT_UPHELD] = {
      "Our records show the work was completed on time and checked by a supervisor.",
      "The charges were applied correctly under the tenancy agreement; we have explained them.",
      "We found no evidence of the behaviour described; the call recording was reviewed." },
};

static const char *const demo_escalation_whys[] = {
   "", "the repair is still not done", "the resident disagrees with the decision",
   "the compensation offered does not reflect the time taken", "the actions promised at stage 1 have not happened",
};

static const char *const demo_decline_reasons[] = {
   "The request raises a new matter, which has been logged as a new complaint",
   "The matter is now the subject of a disrepair claim in the county court",
   "The request repeats the stage 1 complaint, which was answered in full, and adds nothing new",
};

static const char *const demo_withdrawn_notes[] = {
   "Resident phoned to say the repair is done and they are happy to withdraw",
   "Resident emailed to withdraw: the matter was settled with the neighbour",
   "The resident's representative withdrew the complaint on their behalf",
};

static const char *const demo_quick_notes[] = {
   "Repair booked for the next day while on the phone; the resident was happy with that",
   "Explained the rent statement; the resident accepted the figures",
   "Missed bin collection arranged for the same afternoon",
   "Apologised for the missed call-back and put the resident through to the officer",
   "Replaced a lost door entry fob at the counter",
   "Corrected the contact details on the record and sent the letter again",
};

static const char *const demo_service_requests[] = {
   "First report of a broken extractor fan; repair raised.",
   "New report of a blocked drain; job raised with the contractor.",
   "Request for a rent statement.",
   "Request for the communal door entry system to be checked.",
   "Request for a parking permit for a new car.",
   "First report of a fence panel down; job raised.",
};

static const char *const demo_service_done[] = {
   "Job completed and confirmed with the resident",
   "Statement sent by email",
   "Contractor attended and fixed the fault",
};

static const char *const demo_accept_late[] = {
   "Recurring problem: the leak comes back every winter",
   "The resident was in hospital for most of the time since",
};

static const char *const demo_update_texts[] = {
   "Contractor booked for the work", "Parts ordered; waiting for delivery", "Resident called with an update",
   "Work started; a second visit is needed", "Chased the contractor for a date", "Payment request sent to finance",
};

static const char *const demo_contacts_in[] = {
   "Resident called for an update on the complaint", "Resident emailed photos of the problem",
   "Resident called to add detail about the missed appointments",
   "Resident's daughter called on their behalf to ask for an update",
};

static const char *const demo_contacts_out[] = {
   "Called the resident to talk through the complaint", "Emailed the resident an update on progress",
   "Wrote to the resident with the inspection date", "Visited the home to see the problem",
};

static const char *const demo_contacts_note[] = {
   "Spoke to the contractor about the job history", "Checked the repairs log: three jobs raised",
   "Discussed the case with the team manager", "Requested the call recordings from the contact centre",
};

static const char *const demo_lessons[][2] = {
   { "Repeat reports of the same repair were treated as new jobs, so nobody saw the pattern.",
     "Repeat repairs are flagged after the second report for a supervisor to review." },
   { "Residents were not told when appointments were cancelled.",
     "Contractors text residents when they cancel; checked monthly." },
   { "Mould treatments were repeated without finding the cause.",
     "A second mould report now triggers a full damp survey." },
   { "Anti-social behaviour cases were closed without telling the person who reported them.",
     "A closure letter is now a step of the ASB procedure." },
   { "Payments through Universal Credit were applied to rent accounts late.",
     "Universal Credit payments are reconciled daily." },
   { "Call-backs promised at the contact centre were not logged.",
     "Call-backs are logged as tasks with a time they are due." },
   { "Large-print requests were not carried over to repair letters.",
     "Reasonable adjustments now show on every system that sends letters." },
};

static const char *const demo_compliment_texts[] = {
   "Thanked the repairs operative for a tidy, quick job.",
   "Praised the housing officer for help through a difficult time.",
   "Grateful to the adviser who sorted the problem in one call.",
   "Thanked the estate team for clearing the garden before the summer.",
   "Said the income officer was kind and helped set up a payment plan.",
   "Thanked everyone who helped with the move to a ground-floor flat.",
};

static const char *const demo_vulnerabilities[] = {
   "Hearing impairment", "Mental health condition", "Uses a wheelchair", "Long-term illness",
   "Limited English", "Visual impairment", "Older person living alone",
};

typedef struct DemoAdjustment {
   const char *kind;
   const char *detail;
} DemoAdjustment;

static const DemoAdjustment demo_adjustments[] = {
   { "large-print", "Letters in 16pt large print" },
   { "audio", "Letters read onto audio files" },
   { "other-language", "Letters in Polish" },
   { "translator", "Interpreter for calls and visits (Punjabi)" },
   { "more-time", "Extra time to reply to letters" },
   { "preferred-channel", "Email only; no calls before 10am" },
   { "easy-read", "Easy-read versions of letters" },
   { "braille", "Letters in Braille" },
};

typedef struct DemoRepresentative {
   const char *relationship;
   const char *organisation;
   const char *authority;
} DemoRepresentative;

static const DemoRepresentative demo_representatives[] = {
   { "family", "", "Signed authority form from the resident" },
   { "advocate", "Citizens Advice", "Signed authority form from the resident" },
   { "councillor", "Ward councillor", "Email from the resident asking the councillor to act for them" },
   { "mp", "Member of Parliament", "Letter from the resident to their MP" },
   { "social-worker", "Adult Social Care", "Authority recorded at a home visit with the resident" },
   { "friend", "", "Resident confirmed by phone" },
};

typedef struct DemoDetermination {
   const char *name;
   int weight;
   bool orders;
} DemoDetermination;

static const DemoDetermination demo_determinations[] = {
   { "maladministration", 30, true }, { "service-failure", 25, true }, { "no-maladministration", 25, false },
   { "reasonable-redress", 10, false }, { "severe-maladministration", 3, true },
   { "outside-jurisdiction", 5, false }, { "withdrawn", 2, false },
};

static const char *const demo_orders[] = {
   "Apologise to the resident in writing",
   "Inspect the property and write to the resident with a schedule of works",
   "Review the handling of repeat repairs and share the findings with the Ombudsman",
};

typedef struct DemoChannel {
   const char *name;
   int weight;
   bool office;               /* arrives in office hours on working days */
} DemoChannel;

static const DemoChannel demo_channels[] = {
   { "phone", 35, true }, { "email", 25, false }, { "web", 20, false }, { "letter", 5, true },
   { "in-person", 8, true }, { "social-media", 2, false }, { "other", 5, true },
};

/* --- the generator ---------------------------------------------------------------------- */

/* splitmix64: small, fast, and the same on every machine. */
typedef struct DemoRng {
   uint64_t state;
} DemoRng;

static uint64_t demo_next(DemoRng *r) {
   uint64_t z = (r->state += 0x9E3779B97F4A7C15ULL);
   z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
   z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
   return z ^ (z >> 31);
}

static DemoRng demo_rng(uint64_t seed, uint64_t stream) {
   DemoRng r = { seed ^ (stream * 0xD1B54A32D192ED03ULL) };
   demo_next(&r);
   return r;
}

static uint32_t demo_below(DemoRng *r, uint32_t n) {
   return n ? (uint32_t)(((demo_next(r) >> 32) * (uint64_t)n) >> 32) : 0;
}

/* lo..hi, both included; lo when hi < lo. */
static int demo_between(DemoRng *r, int lo, int hi) {
   return hi <= lo ? lo : lo + (int)demo_below(r, (uint32_t)(hi - lo + 1));
}

static bool demo_chance(DemoRng *r, int percent) {
   return (int)demo_below(r, 100) < percent;
}

static const char *demo_pick_from(DemoRng *r, const char *const *list, size_t n) {
   return list[demo_below(r, (uint32_t)n)];
}
#define PICK(r, list) demo_pick_from((r), (list), COUNT_OF(list))

/* --- the build ------------------------------------------------------------------------- */

typedef enum DemoState {
   /* open */
   DS_UNTRIAGED, DS_SERVICE_REQUEST, DS_S1_NEW, DS_S1_ACKNOWLEDGED, DS_S1_EXTENDED, DS_S1_RESPONDED,
   DS_S2_REQUESTED, DS_S2_ACKNOWLEDGED, DS_S2_EXTENDED, DS_S2_RESPONDED, DS_REOPENED,
   /* closed */
   DS_EXCLUDED, DS_QUICK, DS_SERVICE_DONE, DS_RESOLVED, DS_NO_CONTACT, DS_WITHDRAWN, DS_FINAL, DS_DECLINED,
   DS_COUNT
} DemoState;
#define DS_OPEN_COUNT DS_EXCLUDED

/* How often each state comes up beyond the one case of each that every demo has. */
static const int demo_state_weights[DS_COUNT] = {
   [DS_UNTRIAGED] = 6, [DS_SERVICE_REQUEST] = 8, [DS_S1_NEW] = 12, [DS_S1_ACKNOWLEDGED] = 30,
   [DS_S1_EXTENDED] = 6, [DS_S1_RESPONDED] = 10, [DS_S2_REQUESTED] = 4, [DS_S2_ACKNOWLEDGED] = 10,
   [DS_S2_EXTENDED] = 2, [DS_S2_RESPONDED] = 4, [DS_REOPENED] = 2,
   [DS_EXCLUDED] = 8, [DS_QUICK] = 15, [DS_SERVICE_DONE] = 15, [DS_RESOLVED] = 35, [DS_NO_CONTACT] = 3,
   [DS_WITHDRAWN] = 6, [DS_FINAL] = 10, [DS_DECLINED] = 2,
};

/* The class of a target on the clock's day, as the timer draws it. */
typedef enum DemoMarker { MARK_ON_TRACK, MARK_DUE_SOON, MARK_DUE_TODAY, MARK_OVERDUE, MARK_NONE } DemoMarker;

/* The markers open cases with a target cycle through: every demo shows each of them. */
static const DemoMarker demo_marker_cycle[] = {
   MARK_OVERDUE, MARK_DUE_TODAY, MARK_DUE_SOON, MARK_ON_TRACK, MARK_ON_TRACK, MARK_OVERDUE, MARK_DUE_SOON,
   MARK_ON_TRACK, MARK_ON_TRACK, MARK_OVERDUE, MARK_ON_TRACK, MARK_DUE_TODAY, MARK_DUE_SOON, MARK_ON_TRACK,
   MARK_OVERDUE, MARK_ON_TRACK, MARK_ON_TRACK, MARK_DUE_SOON, MARK_OVERDUE, MARK_ON_TRACK,
};

typedef struct DemoPlan {
   uint64_t seed;
   RdInstant received;        /* where the plan placed it; the sort key */
   RdDate day;                /* the day its timeline is built from */
   uint8_t state;
   uint8_t marker;
   uint8_t variant;           /* the exclusion reason; how a reopened case was reopened */
} DemoPlan;

typedef struct DemoStageTime {
   bool present;
   RdInstant requested_at;
   RdDate start_on;
   RdInstant assigned_at;     /* a manager assigned the handler; else claimed at acknowledgement */
   RdInstant acknowledged_at;
   RdDate agreed_on;
   StageDue due;
   RdInstant extended_at;
   RdDate extended_to;
   RdInstant responded_at;
   Decision decision;
   RdInstant declined_at;
   bool late_request;
} DemoStageTime;

/* The steps of one case: the instants that decide its state and its due dates. */
typedef struct DemoTimeline {
   const Policy *policy;      /* the profile in force when it was received */
   DemoState state;
   int variant;
   int channel;
   RdInstant received_at;
   RdInstant triaged_at;      /* RD_NO_INSTANT: triaged as it was logged */
   ComplaintKind kind;
   int stage;
   DemoStageTime st[2];
   RdInstant closed_at;
   CloseReason close_reason;
   RdInstant first_closed_at; /* a reopened case: its closure before */
   CloseReason first_close_reason;
   RdInstant reopened_at;
   RdDate referred_on;        /* the Ombudsman referral whose order reopened it */
   RdDate determined_on;
   RdInstant last;            /* the latest step */
} DemoTimeline;

typedef struct DemoStaff {
   char login[33];
   char name[64];
   char title[48];
   int team;
   int grade;
   unsigned roles;
   bool manages;              /* manages their own team */
   RdDate complaints_trained_on;
   RdDate ombudsman_trained_on;
} DemoStaff;

typedef struct DemoPerson {
   int64_t id;
   int64_t last_case;
   char last_ref[16];
   bool no_surveys;           /* they said they do not want to be involved in surveys */
} DemoPerson;

typedef struct DemoEvent {
   RdInstant at;
   size_t seq;
   int actor;
   const char *entity;
   int64_t entity_id;
   const char *action;
   char detail[360];
} DemoEvent;

/* The case being written: what its rows and events need beyond its timeline. */
typedef struct DemoCase {
   int64_t id;
   char ref[16];
   DemoTopic topic;
   const char *category;
   int team;
   char summary[400];
   const char *outcome;
   bool anonymous;
   bool confidential;
   int64_t person_id;
   int64_t representative_id;
   int subject;               /* staff index complained about, or -1 */
   const char *about_team;
   RdDate incident_on;
   bool out_of_time;
   const char *accepted_late;
   const char *exclusion_code;
   char exclusion_detail[240];
   char close_note[240];
   bool has_close_note;
   int logger;
   int handler[2];
   char definition[2][600];
   const char *extension_reason[2];
   const char *reasons[2];
   const char *decline_reason;
   RdInstant last_update_at;
   size_t person_index;       /* the complainant in the people list, when there is one */
   bool has_person;
   int64_t members[6];        /* the other households of a group complaint */
   int member_count;
   int64_t link_from;
   char link_ref[16];
   DemoEvent *events;
   size_t event_count;
   size_t event_cap;
} DemoCase;

typedef struct DemoIds {
   int64_t complaint, person, representative, action, remedy, contact, update, referral, order, learning,
      compliment, adjustment, restriction;
} DemoIds;

typedef struct DemoBuild {
   Session *s;
   Store *store;
   const Policy *policy;
   const Calendar *cal;
   Division div;
   OfficeHours office;
   RdInstant now;
   RdDate today;
   int span_days;
   int open_age_days;
   uint64_t seed;
   const DemoTown *towns;
   DemoStaff *staff;
   size_t staff_count;
   int me;
   int heads[3];              /* senior managers who take stage 2 across teams */
   size_t category_count;
   DemoTopic *category_topic;
   int category_weight_total;
   DemoPerson *people;
   size_t people_count;
   size_t people_cap;
   uint32_t next_tenancy;
   int restrictions;
   /* Each kind of record turns up at least once, however small the demo. */
   size_t anonymous_cases, groups, subjects, surveys;
   int ref_last[300];         /* the last case number of each year from 1900 */
   Policy previous;           /* the profile before the present one, when there was one */
   bool has_previous;
   RdDate switch_day;         /* the first day of the present profile */
   DemoIds ids;
   char *index_sql[64];       /* the schema's indexes, while they are set aside */
   size_t index_count;
   DemoCase c;
   size_t open;
   size_t events;
   size_t compliments;
   RdStatus st;
   RdError *err;
} DemoBuild;

/* --- writing rows ------------------------------------------------------------------------ */

static bool demo_ok(const DemoBuild *b) {
   return b->st == RD_OK;
}

static sqlite3_stmt *demo_stmt(DemoBuild *b, const char *sql) {
   if (!demo_ok(b))
      return NULL;
   sqlite3_stmt *q = store_stmt(b->store, sql, b->err);
   if (!q)
      b->st = RD_EDB;
   return q;
}

static void demo_run(DemoBuild *b, sqlite3_stmt *q) {
   if (q && demo_ok(b))
      b->st = store_run(b->store, q, b->err);
}

/* Text bound without a copy: every text the demo binds outlives the statement's run. */
static void demo_text(sqlite3_stmt *q, int idx, const char *text) {
   if (text)
      sqlite3_bind_text(q, idx, text, -1, SQLITE_STATIC);
   else
      sqlite3_bind_null(q, idx);
}

static void demo_record(DemoBuild *b, RdInstant at, int actor, int64_t complaint_id, const char *entity,
                        int64_t entity_id, const char *action, const char *detail) {
   if (!demo_ok(b))
      return;
   AuditEvent ev = { complaint_id, entity, entity_id, action, detail };
   b->st = audit_record(b->store, b->staff[actor].login, at > b->now ? b->now : at, &ev, b->err);
   b->events++;
}

static void demo_exec(DemoBuild *b, const char *sql, const char *doing) {
   if (!demo_ok(b))
      return;
   char *msg = NULL;
   if (sqlite3_exec(store_db(b->store), sql, NULL, NULL, &msg) != SQLITE_OK)
      b->st = error_set(b->err, RD_EDB, "%s: %s", doing, msg ? msg : "failed");
   sqlite3_free(msg);
}

/* A batch of cases: one transaction. */
static void demo_begin(DemoBuild *b) {
   if (demo_ok(b))
      b->st = store_begin(b->store, b->err);
}

static void demo_commit(DemoBuild *b) {
   if (demo_ok(b))
      b->st = store_commit(b->store, b->err);
   else
      store_rollback(b->store);
}

/* --- time ------------------------------------------------------------------------------ */

static RdDate demo_workday(const DemoBuild *b, RdDate from, int n) {
   if (n > 0)
      return calendar_add_workdays(b->cal, b->div, from, n);
   return calendar_is_workday(b->cal, b->div, from) ? from : calendar_next_workday(b->cal, b->div, from);
}

/* An instant in office hours on day, after not_before when one is given. */
static RdInstant demo_office_time(const DemoBuild *b, DemoRng *r, RdDate day, RdInstant not_before) {
   int open = b->office.open_minute, close = b->office.close_minute;
   if (close - open < 60) {
      open = 9 * 60;
      close = 17 * 60;
   }
   int minute = demo_between(r, open, close - 20);
   RdInstant t = datetime_local_to_instant(day, minute * 60);
   if (not_before != RD_NO_INSTANT && t <= not_before)
      t = not_before + 60 * demo_between(r, 5, 50);
   return t;
}

/* A step taken lo..hi working days after the local day of from, in office hours. */
static RdInstant demo_step(const DemoBuild *b, DemoRng *r, RdInstant from, int lo, int hi) {
   RdDate day = demo_workday(b, datetime_local_date(from), demo_between(r, lo, hi));
   return demo_office_time(b, r, day, from);
}

/* Somewhere strictly between a and z, or RD_NO_INSTANT when there is no room. */
static RdInstant demo_instant_between(DemoRng *r, RdInstant a, RdInstant z) {
   if (a == RD_NO_INSTANT || z == RD_NO_INSTANT || z - a < 120)
      return RD_NO_INSTANT;
   return a + 60 + (RdInstant)(demo_next(r) % (uint64_t)(z - a - 60));
}

static RdInstant demo_later(RdInstant a, RdInstant b) {
   if (a == RD_NO_INSTANT)
      return b;
   if (b == RD_NO_INSTANT)
      return a;
   return a > b ? a : b;
}

static RdDate demo_date(RdInstant t) {
   return t == RD_NO_INSTANT ? RD_NO_DATE : datetime_local_date(t);
}

static DemoMarker demo_marker(const DemoBuild *b, const Policy *p, RdDate due) {
   if (due == RD_NO_DATE)
      return MARK_NONE;
   if (due < b->today)
      return MARK_OVERDUE;
   if (due == b->today)
      return MARK_DUE_TODAY;
   if (calendar_workdays_between(b->cal, b->div, b->today, due) <= p->due_soon_days)
      return MARK_DUE_SOON;
   return MARK_ON_TRACK;
}

/* --- timelines ------------------------------------------------------------------------- */

static void demo_stage_due(const DemoBuild *b, const Policy *p, DemoStageTime *st, int number) {
   StageDates dates = { st->start_on, demo_date(st->acknowledged_at), st->agreed_on };
   policy_stage_due(p, b->cal, b->div, number, &dates, &st->due);
}

static void demo_stage_init(DemoStageTime *st) {
   memset(st, 0, sizeof *st);
   st->requested_at = st->assigned_at = st->acknowledged_at = RD_NO_INSTANT;
   st->extended_at = st->responded_at = st->declined_at = RD_NO_INSTANT;
   st->start_on = st->agreed_on = st->extended_to = RD_NO_DATE;
}

/* As complaint.c starts a stage: day 0 is the day of the request, or the next working day. */
static void demo_t_start(const DemoBuild *b, DemoTimeline *t, int number, RdInstant at) {
   DemoStageTime *st = &t->st[number - 1];
   st->present = true;
   st->requested_at = at;
   st->start_on = calendar_start_day(b->cal, b->div, &b->office, at);
   demo_stage_due(b, t->policy, st, number);
   t->stage = number;
}

static void demo_t_acknowledge(const DemoBuild *b, DemoRng *r, DemoTimeline *t, int number) {
   DemoStageTime *st = &t->st[number - 1];
   const PolicyTimescale *ack = &t->policy->stage[number - 1].acknowledge;
   int days = ack->from == ANCHOR_START ? ack->days : 2;
   bool late = demo_chance(r, 8);
   RdDate day = demo_workday(b, st->start_on, late ? demo_between(r, days + 1, days + 3) : demo_between(r, 0, days));
   RdInstant after = demo_later(demo_later(st->requested_at, t->triaged_at), st->assigned_at);
   st->acknowledged_at = demo_office_time(b, r, day, after);
   if (t->policy->stage[number - 1].respond.from == ANCHOR_AGREED)
      st->agreed_on = demo_workday(b, demo_date(st->acknowledged_at), demo_between(r, 5, 15));
   demo_stage_due(b, t->policy, st, number);
}

/* False when the policy leaves no room to extend. */
static bool demo_t_extend(const DemoBuild *b, DemoRng *r, DemoTimeline *t, int number) {
   DemoStageTime *st = &t->st[number - 1];
   RdDate respond = st->due.respond, limit = st->due.extension_limit;
   if (respond == RD_NO_DATE)
      return false;
   RdDate to;
   if (limit == RD_NO_DATE) {
      to = demo_workday(b, respond, demo_between(r, 3, 10));
   } else {
      int room = calendar_workdays_between(b->cal, b->div, respond, limit);
      if (room < 1)
         return false;
      to = demo_workday(b, respond, demo_between(r, 1, room));
   }
   RdDate acked = demo_date(st->acknowledged_at);
   int before = calendar_workdays_between(b->cal, b->div, acked, respond);
   st->extended_at = demo_office_time(b, r, demo_workday(b, acked, demo_between(r, 1, before > 1 ? before : 1)),
                                      st->acknowledged_at);
   st->extended_to = to;
   return true;
}

static Decision demo_decision(DemoRng *r) {
   int x = demo_between(r, 1, 100);
   return x <= 35 ? DECISION_UPHELD : x <= 70 ? DECISION_PARTLY_UPHELD : DECISION_NOT_UPHELD;
}

static void demo_t_respond(const DemoBuild *b, DemoRng *r, DemoTimeline *t, int number) {
   DemoStageTime *st = &t->st[number - 1];
   RdDate due = st->extended_to != RD_NO_DATE ? st->extended_to : st->due.respond;
   RdDate acked = demo_date(st->acknowledged_at);
   RdDate day;
   if (due == RD_NO_DATE) {
      day = demo_workday(b, acked, demo_between(r, 2, 10));
   } else if (demo_chance(r, 10)) {
      day = demo_workday(b, due, demo_between(r, 1, 5));
   } else {
      int room = calendar_workdays_between(b->cal, b->div, acked, due);
      day = demo_workday(b, acked, demo_between(r, 1, room > 1 ? room : 1));
   }
   st->responded_at = demo_office_time(b, r, day, demo_later(st->acknowledged_at, st->extended_at));
   st->decision = demo_decision(r);
}

/* The resident asks to escalate within the policy's window, at any hour. */
static void demo_t_escalate(const DemoBuild *b, DemoRng *r, DemoTimeline *t) {
   RdDate responded = demo_date(t->st[0].responded_at);
   RdDate deadline = policy_escalation_deadline(t->policy, b->cal, b->div, responded, RD_NO_DATE);
   int within = deadline == RD_NO_DATE ? 30 : deadline - responded;
   RdDate day = responded + demo_between(r, 1, within < 1 ? 1 : within > 30 ? 30 : within);
   RdInstant at = datetime_local_to_instant(day, demo_between(r, 7 * 60, 22 * 60) * 60);
   if (at <= t->st[0].responded_at)
      at = t->st[0].responded_at + 3600;
   demo_t_start(b, t, 2, at);
}

static void demo_t_close(DemoTimeline *t, RdInstant at, CloseReason reason) {
   t->closed_at = at;
   t->close_reason = reason;
}


static void demo_t_stage1(const DemoBuild *b, DemoRng *r, DemoTimeline *t, DemoState upto) {
   demo_t_start(b, t, 1, t->received_at);
   if (upto == DS_S1_NEW) {
      if (demo_chance(r, 40))
         t->st[0].assigned_at = demo_step(b, r, demo_later(t->received_at, t->triaged_at), 0, 1);
      return;
   }
   demo_t_acknowledge(b, r, t, 1);
   if (upto == DS_S1_ACKNOWLEDGED)
      return;
   if (upto == DS_S1_EXTENDED || demo_chance(r, 12))
      demo_t_extend(b, r, t, 1);
   if (upto == DS_S1_EXTENDED)
      return;
   demo_t_respond(b, r, t, 1);
}

static void demo_t_stage2(const DemoBuild *b, DemoRng *r, DemoTimeline *t, DemoState upto) {
   demo_t_stage1(b, r, t, DS_S1_RESPONDED);
   demo_t_escalate(b, r, t);
   DemoStageTime *s2 = &t->st[1];
   if (upto != DS_S2_REQUESTED || demo_chance(r, 50))
      s2->assigned_at = demo_step(b, r, s2->requested_at, 0, 2);
   if (upto == DS_S2_REQUESTED)
      return;
   demo_t_acknowledge(b, r, t, 2);
   if (upto == DS_S2_ACKNOWLEDGED)
      return;
   if (upto == DS_S2_EXTENDED || demo_chance(r, 8))
      demo_t_extend(b, r, t, 2);
   if (upto == DS_S2_EXTENDED)
      return;
   demo_t_respond(b, r, t, 2);
}

static void demo_t_reopened(const DemoBuild *b, DemoRng *r, DemoTimeline *t) {
   if (t->variant == 0) {
      /* Closed as resolved, then reopened by a manager when the problem came back. */
      demo_t_stage1(b, r, t, DS_S1_RESPONDED);
      t->first_closed_at = demo_step(b, r, t->st[0].responded_at, 3, 20);
      t->first_close_reason = CLOSE_RESOLVED;
      t->reopened_at = demo_step(b, r, t->first_closed_at, 5, 30);
      return;
   }
   /* A final response, then the Housing Ombudsman's order to investigate again. */
   demo_t_stage2(b, r, t, DS_S2_RESPONDED);
   t->first_closed_at = demo_step(b, r, t->st[1].responded_at, 0, 5);
   t->first_close_reason = CLOSE_FINAL_RESPONSE;
   t->referred_on = demo_date(t->first_closed_at) + demo_between(r, 10, 60);
   t->determined_on = t->referred_on + demo_between(r, 40, 150);
   t->reopened_at = demo_office_time(b, r, demo_workday(b, t->determined_on, demo_between(r, 1, 5)), RD_NO_INSTANT);
}

static void demo_t_closed(const DemoBuild *b, DemoRng *r, DemoTimeline *t, bool later) {
   switch (t->state) {
   case DS_EXCLUDED:
      if (later)
         demo_t_start(b, t, 1, t->received_at);
      t->kind = KIND_EXCLUDED;
      demo_t_close(t, demo_later(t->received_at, t->triaged_at), CLOSE_EXCLUDED);
      break;
   case DS_QUICK:
      t->kind = KIND_QUICK;
      demo_t_close(t, t->received_at, CLOSE_QUICK_RESOLUTION);
      break;
   case DS_SERVICE_DONE:
      if (later)
         demo_t_start(b, t, 1, t->received_at);
      demo_t_close(t, demo_step(b, r, demo_later(t->received_at, t->triaged_at), 1, 15), CLOSE_SERVICE_REQUEST_DONE);
      break;
   case DS_RESOLVED:
      demo_t_stage1(b, r, t, DS_S1_RESPONDED);
      demo_t_close(t, demo_step(b, r, t->st[0].responded_at, 3, 25), CLOSE_RESOLVED);
      break;
   case DS_NO_CONTACT: {
      demo_t_stage1(b, r, t, DS_S1_ACKNOWLEDGED);
      int needed = t->policy->no_contact_after_raising ? t->policy->no_contact_after_raising : 10;
      RdDate day = demo_workday(b, demo_date(t->received_at), needed + demo_between(r, 1, 5));
      demo_t_close(t, demo_office_time(b, r, day, t->st[0].acknowledged_at), CLOSE_NO_CONTACT);
      break;
   }
   case DS_WITHDRAWN:
      demo_t_stage1(b, r, t, demo_chance(r, 60) ? DS_S1_ACKNOWLEDGED : DS_S1_NEW);
      demo_t_close(t, demo_step(b, r, demo_later(demo_later(t->received_at, t->triaged_at),
                                                  demo_later(t->st[0].acknowledged_at, t->st[0].assigned_at)), 1, 10),
                   CLOSE_WITHDRAWN);
      break;
   case DS_FINAL:
      demo_t_stage2(b, r, t, DS_S2_RESPONDED);
      demo_t_close(t, demo_step(b, r, t->st[1].responded_at, 0, 10), CLOSE_FINAL_RESPONSE);
      break;
   case DS_DECLINED:
      demo_t_stage2(b, r, t, DS_S2_REQUESTED);
      t->st[1].declined_at = demo_step(b, r, demo_later(t->st[1].requested_at, t->st[1].assigned_at), 0, 3);
      demo_t_close(t, t->st[1].declined_at, CLOSE_ESCALATION_DECLINED);
      break;
   default:
      break;
   }
}

static void demo_t_open(const DemoBuild *b, DemoRng *r, DemoTimeline *t, bool later) {
   switch (t->state) {
   case DS_UNTRIAGED:
      t->kind = KIND_UNTRIAGED;
      demo_t_start(b, t, 1, t->received_at);
      break;
   case DS_SERVICE_REQUEST:
      if (later)
         demo_t_start(b, t, 1, t->received_at);
      break;
   case DS_S1_NEW:
   case DS_S1_ACKNOWLEDGED:
   case DS_S1_EXTENDED:
   case DS_S1_RESPONDED:
      demo_t_stage1(b, r, t, t->state);
      break;
   case DS_S2_REQUESTED:
   case DS_S2_ACKNOWLEDGED:
   case DS_S2_EXTENDED:
   case DS_S2_RESPONDED:
      demo_t_stage2(b, r, t, t->state);
      break;
   case DS_REOPENED:
      demo_t_reopened(b, r, t);
      break;
   default:
      break;
   }
}

static RdInstant demo_t_last(const DemoTimeline *t) {
   RdInstant last = demo_later(t->received_at, t->triaged_at);
   for (int i = 0; i < 2; i++) {
      const DemoStageTime *st = &t->st[i];
      last = demo_later(last, demo_later(st->requested_at, st->assigned_at));
      last = demo_later(last, demo_later(st->acknowledged_at, st->extended_at));
      last = demo_later(last, demo_later(st->responded_at, st->declined_at));
   }
   last = demo_later(last, demo_later(t->closed_at, t->first_closed_at));
   return demo_later(last, t->reopened_at);
}

/* The whole timeline of a case received on day (or, for the channels that arrive in office
 * hours, the next working day). The same plan and day always give the same timeline. */
static void demo_timeline(const DemoBuild *b, const DemoPlan *p, RdDate day, DemoTimeline *t) {
   DemoRng r = demo_rng(p->seed, 1);
   memset(t, 0, sizeof *t);
   demo_stage_init(&t->st[0]);
   demo_stage_init(&t->st[1]);
   t->st[0].decision = t->st[1].decision = DECISION_NONE;
   t->policy = b->has_previous && day < b->switch_day ? &b->previous : b->policy;
   t->state = (DemoState)p->state;
   /* Only a policy that closes for lack of contact (seed 003) may; elsewhere the resident
    * withdraws instead, as the engine would allow. */
   if (t->state == DS_NO_CONTACT && !t->policy->no_contact_after_raising && !t->policy->no_contact_after_response)
      t->state = DS_WITHDRAWN;
   t->variant = p->variant;
   t->triaged_at = t->closed_at = t->first_closed_at = t->reopened_at = RD_NO_INSTANT;
   t->referred_on = t->determined_on = RD_NO_DATE;
   t->kind = KIND_COMPLAINT;
   t->stage = 1;
   int total = 0;
   for (size_t i = 0; i < COUNT_OF(demo_channels); i++)
      total += demo_channels[i].weight;
   int x = (int)demo_below(&r, (uint32_t)total);
   while (x >= demo_channels[t->channel].weight)
      x -= demo_channels[t->channel++].weight;
   if (demo_channels[t->channel].office)
      t->received_at = demo_office_time(b, &r, demo_workday(b, day, 0), RD_NO_INSTANT);
   else
      t->received_at = datetime_local_to_instant(day, demo_between(&r, 0, 24 * 60 - 1) * 60);
   /* Forms and emails are logged as they arrive and triaged later; calls and visits at once. */
   bool later = !demo_channels[t->channel].office && demo_chance(&r, 70);
   if (t->state != DS_UNTRIAGED && t->state != DS_QUICK && later)
      t->triaged_at = demo_step(b, &r, t->received_at, 0, 1);
   if (t->state < DS_OPEN_COUNT)
      demo_t_open(b, &r, t, later);
   else
      demo_t_closed(b, &r, t, later);
   if (t->state == DS_SERVICE_REQUEST || t->state == DS_SERVICE_DONE)
      t->kind = KIND_SERVICE_REQUEST;
   t->last = demo_t_last(t);
}

/* The date the queue shows for an open case; RD_NO_DATE when nothing is due. */
static RdDate demo_target(const DemoTimeline *t) {
   switch (t->state) {
   case DS_UNTRIAGED:
   case DS_S1_NEW:
      return t->st[0].due.acknowledge;
   case DS_S1_ACKNOWLEDGED:
      return t->st[0].due.respond;
   case DS_S1_EXTENDED:
      return t->st[0].extended_to != RD_NO_DATE ? t->st[0].extended_to : t->st[0].due.respond;
   case DS_S2_REQUESTED:
      return t->st[1].due.acknowledge;
   case DS_S2_ACKNOWLEDGED:
      return t->st[1].due.respond;
   case DS_S2_EXTENDED:
      return t->st[1].extended_to != RD_NO_DATE ? t->st[1].extended_to : t->st[1].due.respond;
   default:
      return RD_NO_DATE;
   }
}

/* --- staff ----------------------------------------------------------------------------- */

typedef struct DemoRole {
   const char *title;
   int grade;
   unsigned roles;
   bool manages;
   int training;              /* 2: both trainings; 1: the landlord's only; 0: none */
} DemoRole;

static const DemoRole demo_team_roles[] = {
   { "Team Manager", 6, ROLE_HANDLER | ROLE_MANAGER, true, 2 },
   { "Senior Officer", 5, ROLE_HANDLER, false, 2 },
   { "Officer", 4, ROLE_HANDLER, false, 2 },
   { "Officer", 3, ROLE_HANDLER, false, 2 },
   { "Customer Adviser", 2, ROLE_FRONT_DESK, false, 0 },
};

static const char demo_staff_sql[] =
   "INSERT INTO staff (id, login, full_name, team, grade, is_front_desk, is_handler, is_manager, is_admin, "
   "manages_team, complaints_trained_on, ombudsman_trained_on, email, active, created_at) "
   "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, 1, ?14)";

/* The current login is already on the roster when the others are named. */
static bool demo_login_taken(const DemoBuild *b, const char *login) {
   for (size_t i = 0; i < b->staff_count; i++)
      if (strcmp(b->staff[i].login, login) == 0)
         return true;
   return false;
}

/* Letters of text, lower-cased: "O'Brien" gives "obrien". */
static void demo_letters(char *out, size_t size, const char *text) {
   size_t n = 0;
   for (const char *c = text; *c && n + 1 < size; c++)
      if (isalpha((unsigned char)*c))
         out[n++] = (char)tolower((unsigned char)*c);
   out[n] = '\0';
}

static void demo_write_staff(DemoBuild *b, int index, RdInstant created) {
   const DemoStaff *m = &b->staff[index];
   char email[96], roles[64], detail[256];
   snprintf(email, sizeof email, "%s@staff.example.org", m->login);
   sqlite3_stmt *q = demo_stmt(b, demo_staff_sql);
   if (q) {
      sqlite3_bind_int64(q, 1, index + 1);
      demo_text(q, 2, m->login);
      demo_text(q, 3, m->name);
      demo_text(q, 4, demo_teams[m->team]);
      sqlite3_bind_int(q, 5, m->grade);
      sqlite3_bind_int(q, 6, (m->roles & ROLE_FRONT_DESK) != 0);
      sqlite3_bind_int(q, 7, (m->roles & ROLE_HANDLER) != 0);
      sqlite3_bind_int(q, 8, (m->roles & ROLE_MANAGER) != 0);
      sqlite3_bind_int(q, 9, (m->roles & ROLE_ADMIN) != 0);
      demo_text(q, 10, m->manages ? demo_teams[m->team] : "");
      store_bind_date(q, 11, m->complaints_trained_on);
      store_bind_date(q, 12, m->ombudsman_trained_on);
      demo_text(q, 13, email);
      store_bind_instant(q, 14, created);
      demo_run(b, q);
   }
   staff_format_roles(m->roles, roles, sizeof roles);
   snprintf(detail, sizeof detail, "%s (%s, %s), team '%s', grade %d, roles %s", m->login, m->name, m->title,
            demo_teams[m->team], m->grade, roles);
   demo_record(b, created, b->me, 0, "staff", index + 1, "added", detail);
}

static int demo_add_staff(DemoBuild *b, DemoRng *r, const char *title, int team, int grade, unsigned roles,
                          bool manages, int training) {
   DemoStaff *m = &b->staff[b->staff_count];
   memset(m, 0, sizeof *m);
   const char *first = PICK(r, demo_first_names), *last = PICK(r, demo_surnames);
   snprintf(m->name, sizeof m->name, "%s %s", first, last);
   char surname[24];
   demo_letters(surname, sizeof surname, last);
   snprintf(m->login, sizeof m->login, "%c%s", (char)tolower((unsigned char)first[0]), surname);
   for (unsigned n = 2; demo_login_taken(b, m->login) && n < 100; n++)
      snprintf(m->login, sizeof m->login, "%c%s%u", (char)tolower((unsigned char)first[0]), surname, n);
   str_copy(m->title, title, sizeof m->title);
   m->team = team;
   m->grade = grade;
   m->roles = roles;
   m->manages = manages;
   m->complaints_trained_on = m->ombudsman_trained_on = RD_NO_DATE;
   if (training >= 1)
      m->complaints_trained_on = b->today - demo_between(r, 60, 1400);
   if (training >= 2) {
      m->ombudsman_trained_on = m->complaints_trained_on + demo_between(r, 5, 200);
      if (m->ombudsman_trained_on >= b->today)
         m->ombudsman_trained_on = b->today - 1;
   }
   return (int)b->staff_count++;
}

/* Five teams with a manager, officers (two of them still to finish their training) and front
 * desk advisers; heads of service above them for stage 2; an administrator; and the current
 * login, an admin with every role. */
static void demo_staff(DemoBuild *b, const char *my_name) {
   DemoRng r = demo_rng(b->seed, 5);
   b->staff = xcalloc(64, sizeof *b->staff);
   DemoStaff *me = &b->staff[0];
   str_copy(me->login, b->s->login, sizeof me->login);
   str_copy(me->name, my_name && *my_name ? my_name : b->s->login, sizeof me->name);
   str_copy(me->title, "Complaints Lead", sizeof me->title);
   me->team = TEAM_CUSTOMER;
   me->grade = 8;
   me->roles = ROLE_FRONT_DESK | ROLE_HANDLER | ROLE_MANAGER | ROLE_ADMIN;
   me->complaints_trained_on = b->today - 400;
   me->ombudsman_trained_on = b->today - 380;
   b->staff_count = 1;
   b->me = 0;
   for (int team = 0; team < TEAM_COUNT; team++) {
      for (size_t i = 0; i < COUNT_OF(demo_team_roles); i++) {
         const DemoRole *role = &demo_team_roles[i];
         bool new_starter = role->grade == 3 && (team == TEAM_HOUSING || team == TEAM_ESTATES);
         demo_add_staff(b, &r, new_starter ? "Officer (new starter)" : role->title, team, role->grade, role->roles,
                        role->manages, new_starter ? 1 : role->training);
      }
      if (team == TEAM_REPAIRS || team == TEAM_CUSTOMER) {
         demo_add_staff(b, &r, "Officer", team, 3, ROLE_HANDLER, false, 2);
         demo_add_staff(b, &r, "Customer Adviser", team, 2, ROLE_FRONT_DESK, false, 0);
      }
   }
   b->heads[0] = demo_add_staff(b, &r, "Head of Housing Services", TEAM_HOUSING, 7, ROLE_HANDLER | ROLE_MANAGER,
                                false, 2);
   b->heads[1] = demo_add_staff(b, &r, "Head of Property Services", TEAM_REPAIRS, 7, ROLE_HANDLER | ROLE_MANAGER,
                                false, 2);
   b->heads[2] = demo_add_staff(b, &r, "Director of Customer Experience", TEAM_CUSTOMER, 8, ROLE_MANAGER, false, 2);
   demo_add_staff(b, &r, "Systems Administrator", TEAM_CUSTOMER, 4, ROLE_ADMIN, false, 0);
   RdInstant joined = b->now - (RdInstant)(b->span_days + 800) * 86400;
   for (size_t i = 0; i < b->staff_count; i++)
      demo_write_staff(b, (int)i, joined + (RdInstant)i * 86400 * 7);
}

static int demo_staff_where(const DemoBuild *b, DemoRng *r, int team, unsigned role) {
   int found[64], n = 0;
   for (size_t i = 1; i < b->staff_count; i++)
      if ((b->staff[i].roles & role) && (team < 0 || b->staff[i].team == team))
         found[n++] = (int)i;
   return n ? found[demo_below(r, (uint32_t)n)] : b->me;
}

static int demo_manager_of(const DemoBuild *b, int team) {
   for (size_t i = 1; i < b->staff_count; i++)
      if (b->staff[i].manages && b->staff[i].team == team)
         return (int)i;
   return b->heads[2];
}

/* The fairness rules of complaint_handler_allowed (seed 001, Code 6.13), on the roster. */
static bool demo_may_handle(const DemoBuild *b, int h, const DemoCase *c, int stage) {
   const DemoStaff *x = &b->staff[h];
   if (!(x->roles & (stage == 1 ? ROLE_HANDLER | ROLE_MANAGER : ROLE_MANAGER)))
      return false;
   if (x->complaints_trained_on == RD_NO_DATE || x->ombudsman_trained_on == RD_NO_DATE)
      return false;
   if (c->subject >= 0) {
      const DemoStaff *subject = &b->staff[c->subject];
      if (h == c->subject || x->grade <= subject->grade)
         return false;
      if (x->team == subject->team && (stage == 2 || !x->manages))
         return false;
   }
   if (c->about_team && strcmp(demo_teams[x->team], c->about_team) == 0 && (stage == 2 || !x->manages))
      return false;
   if (stage == 2 && c->handler[0] >= 0 && (h == c->handler[0] || x->grade <= b->staff[c->handler[0]].grade))
      return false;
   return true;
}

/* Whether someone could still take stage 2 after h took stage 1 (more senior, independent). */
static bool demo_leaves_a_reviewer(const DemoBuild *b, DemoCase *c, int h) {
   int kept = c->handler[0];
   bool found = false;
   c->handler[0] = h;
   for (size_t i = 0; i < b->staff_count && !found; i++)
      found = demo_may_handle(b, (int)i, c, 2);
   c->handler[0] = kept;
   return found;
}

static bool demo_fits(const DemoBuild *b, DemoCase *c, int h, int stage, bool escalates) {
   return demo_may_handle(b, h, c, stage) && (stage == 2 || !escalates || demo_leaves_a_reviewer(b, c, h));
}

/* A handler the fairness rules allow: for stage 1 preferably from the team the complaint is
 * about, and one who leaves a more senior reviewer when the case goes to stage 2. */
static int demo_choose_handler(const DemoBuild *b, DemoRng *r, DemoCase *c, int stage, bool escalates) {
   if (demo_chance(r, 6) && demo_fits(b, c, b->me, stage, escalates))
      return b->me;
   for (int tries = 0; tries < 16; tries++) {
      int h = 1 + (int)demo_below(r, (uint32_t)(b->staff_count - 1));
      if (stage == 1 && tries < 12 && b->staff[h].team != c->team)
         continue;
      if (demo_fits(b, c, h, stage, escalates))
         return h;
   }
   for (size_t i = 0; i < b->staff_count; i++)
      if (demo_fits(b, c, (int)i, stage, escalates))
         return (int)i;
   return b->heads[2];
}

/* --- people ---------------------------------------------------------------------------- */

static void demo_event(DemoBuild *b, RdInstant at, int actor, const char *entity, int64_t entity_id,
                       const char *action, const char *fmt, ...) __attribute__((format(printf, 7, 8)));

static const char demo_person_sql[] =
   "INSERT INTO person (id, kind, name, tenancy_ref, property, phone, email, address, preferred_contact, "
   "vulnerabilities, tenancy_ended_on, do_not_contact, created_at) "
   "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)";
static const char demo_adjustment_sql[] =
   "INSERT INTO adjustment (id, person_id, kind, detail, review_on, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
static const char demo_restriction_sql[] =
   "INSERT INTO restriction (id, person_id, restricts, reason, approved_by, approver_role, starts_on, review_on, "
   "recorded_by, created_at) VALUES (?1, ?2, ?3, ?4, ?5, 'head-of-service', ?6, ?7, ?8, ?9)";
static const char demo_representative_sql[] =
   "INSERT INTO representative (id, person_id, name, relationship, organisation, phone, email, authority, "
   "given_on, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)";

static void demo_name(DemoRng *r, char *out, size_t size) {
   snprintf(out, size, "%s %s", PICK(r, demo_first_names), PICK(r, demo_surnames));
}

static void demo_address(const DemoBuild *b, DemoRng *r, char *property, size_t psize, char *address, size_t asize) {
   const char *street = PICK(r, demo_streets), *kind = PICK(r, demo_street_kinds);
   if (demo_chance(r, 35))
      snprintf(property, psize, "Flat %d, %s House, %s %s", demo_between(r, 1, 48), PICK(r, demo_blocks), street,
               kind);
   else
      snprintf(property, psize, "%d %s %s", demo_between(r, 1, 180), street, kind);
   const DemoTown *town = &b->towns[demo_below(r, 6)];
   size_t letters = sizeof demo_postcode_letters - 1;
   snprintf(address, asize, "%s, %s %s%d %d%c%c", property, town->name, town->postcode, demo_between(r, 1, 29),
            demo_between(r, 1, 9), demo_postcode_letters[demo_below(r, (uint32_t)letters)],
            demo_postcode_letters[demo_below(r, (uint32_t)letters)]);
}

/* Events about people say what was recorded, never who or what they said (person.c's words). */
static void demo_adjust(DemoBuild *b, DemoRng *r, int64_t person, RdInstant at, int actor) {
   const DemoAdjustment *a = &demo_adjustments[demo_below(r, COUNT_OF(demo_adjustments))];
   int64_t id = ++b->ids.adjustment;
   RdDate review = demo_date(at) + demo_between(r, 90, 365);
   sqlite3_stmt *q = demo_stmt(b, demo_adjustment_sql);
   if (q) {
      sqlite3_bind_int64(q, 1, id);
      sqlite3_bind_int64(q, 2, person);
      demo_text(q, 3, a->kind);
      demo_text(q, 4, a->detail);
      store_bind_date(q, 5, review);
      store_bind_instant(q, 6, at);
      demo_run(b, q);
   }
   char day[RD_DATE_BUFSIZE], detail[128];
   datetime_format_date(review, day);
   snprintf(detail, sizeof detail, "adjustment %lld: %s, review by %s", (long long)id, a->kind, day);
   demo_record(b, at, actor, 0, "person", person, "adjustment added", detail);
}

/* Approved by a Head of Service, for a set period with a review date, recorded by a manager
 * (seeds 000, 002, 004). */
static void demo_restrict(DemoBuild *b, DemoRng *r, int64_t person, RdInstant at) {
   const DemoStaff *head = &b->staff[b->heads[0]];
   int64_t id = ++b->ids.restriction;
   char approved[120], detail[200], start[RD_DATE_BUFSIZE], day[RD_DATE_BUFSIZE];
   snprintf(approved, sizeof approved, "%s", head->name);
   RdDate starts = demo_date(at), review = starts + demo_between(r, 90, 180);
   sqlite3_stmt *q = demo_stmt(b, demo_restriction_sql);
   if (q) {
      sqlite3_bind_int64(q, 1, id);
      sqlite3_bind_int64(q, 2, person);
      demo_text(q, 3, "one named contact: the housing officer; calls limited to 20 minutes");
      demo_text(q, 4, "Repeated abusive calls to the contact centre after a written warning");
      demo_text(q, 5, approved);
      store_bind_date(q, 6, starts);
      store_bind_date(q, 7, review);
      sqlite3_bind_int64(q, 8, b->heads[0] + 1);
      store_bind_instant(q, 9, at);
      demo_run(b, q);
   }
   datetime_format_date(starts, start);
   datetime_format_date(review, day);
   snprintf(detail, sizeof detail, "restriction %lld: from %s, review by %s, approved by a Head of Service",
            (long long)id, start, day);
   demo_record(b, at, b->heads[0], 0, "person", person, "restriction added", detail);
   b->restrictions++;
}

static PersonKind demo_person_kind(DemoRng *r) {
   int x = demo_between(r, 1, 100);
   return x <= 80 ? PERSON_TENANT : x <= 87 ? PERSON_LEASEHOLDER : x <= 92 ? PERSON_SHARED_OWNER
        : x <= 95 ? PERSON_FORMER_TENANT : PERSON_MEMBER_OF_PUBLIC;
}

/* The row of a new person and the keys the counter's search finds them by. */
static void demo_person_row(DemoBuild *b, DemoRng *r, const Person *p, RdInstant at) {
   sqlite3_stmt *q = demo_stmt(b, demo_person_sql);
   if (q) {
      sqlite3_bind_int64(q, 1, p->id);
      demo_text(q, 2, person_kind_name(p->kind));
      demo_text(q, 3, p->name);
      demo_text(q, 4, p->tenancy_ref);
      demo_text(q, 5, p->property);
      demo_text(q, 6, p->phone);
      demo_text(q, 7, p->email);
      demo_text(q, 8, p->address);
      demo_text(q, 9, p->preferred_contact);
      demo_text(q, 10, demo_chance(r, 8) ? PICK(r, demo_vulnerabilities) : "");
      store_bind_date(q, 11, p->tenancy_ended_on);
      demo_text(q, 12, demo_chance(r, 1) ? "The neighbour at number 12" : "");
      store_bind_instant(q, 13, at);
      demo_run(b, q);
   }
   if (demo_ok(b))
      b->st = person_write_keys(b->store, p, b->err);
}

/* A new person, recorded by actor at at, with their event; returns the id. */
static int64_t demo_person(DemoBuild *b, DemoRng *r, RdInstant at, int actor) {
   const char *first = PICK(r, demo_first_names), *last = PICK(r, demo_surnames);
   char name[80], tenancy[16] = "", property[160], address[240], phone[24] = "", email[96] = "", f[40], l[40];
   Person p = { .id = ++b->ids.person, .kind = demo_person_kind(r), .name = name, .tenancy_ref = tenancy,
                .property = property, .phone = phone, .email = email, .address = address,
                .tenancy_ended_on = RD_NO_DATE };
   snprintf(name, sizeof name, "%s %s", first, last);
   if (p.kind != PERSON_MEMBER_OF_PUBLIC) {
      b->next_tenancy += 1 + demo_below(r, 9);
      snprintf(tenancy, sizeof tenancy, "T%07u", (unsigned)(b->next_tenancy % 10000000u));
   }
   demo_address(b, r, property, sizeof property, address, sizeof address);
   if (demo_chance(r, 75))
      snprintf(phone, sizeof phone, "07700 900%03d", demo_between(r, 0, 999));
   if (demo_chance(r, 60)) {
      demo_letters(f, sizeof f, first);
      demo_letters(l, sizeof l, last);
      snprintf(email, sizeof email, "%s.%s%d@example.com", f, l, demo_between(r, 1, 99));
   }
   char preferred[16];
   str_copy(preferred, email[0] && demo_chance(r, 50) ? "email" : phone[0] ? "phone" : "letter", sizeof preferred);
   p.preferred_contact = preferred;
   if (p.kind == PERSON_FORMER_TENANT)
      p.tenancy_ended_on = demo_date(at) - demo_between(r, 10, 150);
   demo_person_row(b, r, &p, at);
   demo_record(b, at, actor, 0, "person", p.id, "added", person_kind_name(p.kind));
   if (b->ids.adjustment == 0 || demo_chance(r, 4)) {
      demo_adjust(b, r, p.id, at, actor);
      if (demo_chance(r, 30))
         demo_adjust(b, r, p.id, at, actor);
   }
   if ((b->restrictions < 2 && (p.id == 3 || p.id == 11)) || demo_below(r, 1000) < 3) {
      RdInstant from = demo_step(b, r, at, 1, 10);
      demo_restrict(b, r, p.id, from > b->now ? at : from);
   }
   if (b->people_count == b->people_cap) {
      b->people_cap = b->people_cap ? b->people_cap * 2 : 1024;
      b->people = xreallocarray(b->people, b->people_cap, sizeof *b->people);
   }
   b->people[b->people_count++] = (DemoPerson){ p.id, 0, "", false };
   return p.id;
}

static int64_t demo_representative(DemoBuild *b, DemoRng *r, int64_t person, RdInstant at, int actor) {
   const DemoRepresentative *rep = &demo_representatives[demo_below(r, COUNT_OF(demo_representatives))];
   int64_t id = ++b->ids.representative;
   char name[80];
   demo_name(r, name, sizeof name);
   if (strcmp(rep->relationship, "mp") == 0 || strcmp(rep->relationship, "councillor") == 0) {
      char full[100];
      snprintf(full, sizeof full, "%s %s", strcmp(rep->relationship, "mp") == 0 ? "MP" : "Cllr", name);
      str_copy(name, full, sizeof name);
   }
   RdDate given = demo_date(at) - demo_between(r, 0, 10);
   sqlite3_stmt *q = demo_stmt(b, demo_representative_sql);
   if (q) {
      sqlite3_bind_int64(q, 1, id);
      sqlite3_bind_int64(q, 2, person);
      demo_text(q, 3, name);
      demo_text(q, 4, rep->relationship);
      demo_text(q, 5, rep->organisation);
      demo_text(q, 6, "");
      demo_text(q, 7, "");
      demo_text(q, 8, rep->authority);
      store_bind_date(q, 9, given);
      store_bind_instant(q, 10, at);
      demo_run(b, q);
   }
   char detail[64];
   snprintf(detail, sizeof detail, "representative %lld: %s", (long long)id, rep->relationship);
   demo_record(b, at, actor, 0, "person", person, "representative added", detail);
   return id;
}

/* --- a case: its events ------------------------------------------------------------------ */

static const char demo_complaint_sql[] =
   "INSERT INTO complaint (id, ref, kind, stage, person_id, representative_id, channel, received_at, incident_on, "
   "category, summary, outcome_sought, anonymous, confidential, about_staff_id, about_team, exclusion_code, "
   "exclusion_detail, out_of_time, accepted_late_reason, policy, last_update_at, closed_at, close_reason, close_note, "
   "created_by, created_at, updated_by, updated_at, version) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, "
   "?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30)";
static const char demo_stage_sql[] =
   "INSERT INTO stage (complaint_id, number, start_on, requested_at, definition, handler_id, acknowledged_at, "
   "agreed_on, ack_due, response_due, extension_limit, extended_to, extension_reason, extension_told_at, "
   "responded_at, decision, reasons, declined_at, decline_reason, late_request, policy) "
   "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, 0, ?20)";
static const char demo_member_sql[] = "INSERT INTO complaint_member (complaint_id, person_id) VALUES (?1, ?2)";
static const char demo_link_sql[] = "INSERT INTO complaint_link (from_id, to_id, kind) VALUES (?1, ?2, 'related')";
static const char demo_contact_sql[] =
   "INSERT INTO contact (id, complaint_id, at, direction, channel, summary, staff_id) "
   "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
static const char demo_remedy_sql[] =
   "INSERT INTO remedy (id, complaint_id, stage, kind, detail, amount_pence, due_on, done_on, created_at) "
   "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";
static const char demo_action_sql[] =
   "INSERT INTO action (id, complaint_id, what, owner_id, due_on, source, done_on, created_at, version) "
   "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";
static const char demo_update_sql[] =
   "INSERT INTO action_update (id, action_id, at, staff_id, text) VALUES (?1, ?2, ?3, ?4, ?5)";
static const char demo_referral_sql[] =
   "INSERT INTO ombudsman_referral (id, complaint_id, referred_on, their_ref, determination, determined_on, "
   "created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
static const char demo_order_sql[] =
   "INSERT INTO ombudsman_order (id, referral_id, text, due_on, action_id) VALUES (?1, ?2, ?3, ?4, ?5)";
static const char demo_learning_sql[] =
   "INSERT INTO learning (id, complaint_id, lesson, improvement, recorded_at, staff_id) "
   "VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
static const char demo_survey_sql[] =
   "INSERT INTO survey (complaint_id, sent_on, answered_on, satisfied, declined) VALUES (?1, ?2, ?3, ?4, ?5)";

static const char *const demo_contact_channels[] = { "phone", "email", "letter", "in-person" };


static const char *const demo_remedy_details[] = {
   [REMEDY_APOLOGY] = "Written apology from the service manager",
   [REMEDY_EXPLANATION] = "Full explanation of what happened and why",
   [REMEDY_ACKNOWLEDGEMENT] = "Acknowledged that we did not keep the resident informed",
   [REMEDY_ACTION_ON_DELAY] = "Work prioritised and completed within ten working days",
   [REMEDY_RECONSIDERED_DECISION] = "Charge withdrawn after the decision was reconsidered",
   [REMEDY_CORRECTED_RECORD] = "Rent account corrected",
   [REMEDY_FINANCIAL_LOSS] = "Refund of costs for time off work and extra heating",
   [REMEDY_GOODWILL] = "Goodwill payment for the time and trouble",
   [REMEDY_POLICY_CHANGE] = "Missed appointment procedure changed",
   [REMEDY_OTHER] = "Named officer to update the resident every fortnight",
};

/* Adds an event of the case, written once the case's rows are. */
static void demo_event(DemoBuild *b, RdInstant at, int actor, const char *entity, int64_t entity_id,
                       const char *action, const char *fmt, ...) {
   DemoCase *c = &b->c;
   if (c->event_count == c->event_cap) {
      c->event_cap = c->event_cap ? c->event_cap * 2 : 64;
      c->events = xreallocarray(c->events, c->event_cap, sizeof *c->events);
   }
   DemoEvent *e = &c->events[c->event_count];
   e->at = at > b->now ? b->now : at;
   e->seq = c->event_count++;
   e->actor = actor;
   e->entity = entity;
   e->entity_id = entity_id;
   e->action = action;
   va_list ap;
   va_start(ap, fmt);
   vsnprintf(e->detail, sizeof e->detail, fmt, ap);
   va_end(ap);
}

/* As complaint.c quotes text in an event: the first 100 characters. */
static void demo_words(char *buf, size_t size, const char *text) {
   size_t len = strlen(text);
   snprintf(buf, size, "%.*s%s", (int)(len > 100 ? 100 : len), text, len > 100 ? "..." : "");
}

static void demo_triage_words(const DemoBuild *b, ComplaintKind kind, char *buf, size_t size) {
   const DemoCase *c = &b->c;
   const ExclusionReason *why = kind == KIND_EXCLUDED ? config_exclusion(b->s->config, c->exclusion_code) : NULL;
   switch (kind) {
   case KIND_EXCLUDED:
      snprintf(buf, size, "refused (%s: %s); the resident is told why and of their right to go to the Housing "
               "Ombudsman (Code 2.4)", c->exclusion_code, why ? why->label : "");
      break;
   case KIND_QUICK:
      snprintf(buf, size, "resolved at first contact, logged with a letter; what was done is recorded");
      break;
   case KIND_SERVICE_REQUEST:
      snprintf(buf, size, "recorded as a service request (Code 1.4)");
      break;
   case KIND_COMPLAINT:
      snprintf(buf, size, "accepted as a complaint at stage 1%s", c->out_of_time ? " (older than the time limit, "
               "accepted with a reason)" : "");
      break;
   default:
      snprintf(buf, size, "awaiting triage");
      break;
   }
}

static void demo_date_text(RdDate d, char buf[RD_DATE_BUFSIZE]) {
   datetime_format_date(d, buf);
}

static void demo_contact_at(DemoBuild *b, DemoRng *r, RdInstant at, int staff, const char *direction,
                            const char *channel, const char *summary) {
   DemoCase *c = &b->c;
   if (at == RD_NO_INSTANT || at > b->now)
      return;
   bool note = strcmp(direction, "note") == 0;
   if (!channel)
      channel = note ? "note" : PICK(r, demo_contact_channels);
   int64_t id = ++b->ids.contact;
   sqlite3_stmt *q = demo_stmt(b, demo_contact_sql);
   if (q) {
      sqlite3_bind_int64(q, 1, id);
      sqlite3_bind_int64(q, 2, c->id);
      store_bind_instant(q, 3, at);
      demo_text(q, 4, direction);
      demo_text(q, 5, channel);
      demo_text(q, 6, summary);
      sqlite3_bind_int64(q, 7, staff + 1);
      demo_run(b, q);
   }
   if (note)
      demo_event(b, at, staff, "complaint", c->id, "noted", "a note was added");
   else
      demo_event(b, at, staff, "complaint", c->id, "contact", "contact %s the resident by %s, with its summary",
                 strcmp(direction, "in") == 0 ? "from" : "to", channel);
   if (strcmp(direction, "out") == 0)
      c->last_update_at = demo_later(c->last_update_at, at);
}

/* Up to most calls, letters and notes between from and to. */
static void demo_contacts(DemoBuild *b, DemoRng *r, RdInstant from, RdInstant to, int staff, int most) {
   int n = demo_between(r, 0, most);
   if (to == RD_NO_INSTANT || to > b->now)
      to = b->now;
   for (int i = 0; i < n; i++) {
      int x = demo_between(r, 1, 100);
      const char *direction = b->c.anonymous || x > 75 ? "note" : x > 45 ? "in" : "out";
      const char *summary = strcmp(direction, "in") == 0 ? PICK(r, demo_contacts_in)
                          : strcmp(direction, "out") == 0 ? PICK(r, demo_contacts_out) : PICK(r, demo_contacts_note);
      demo_contact_at(b, r, demo_instant_between(r, from, to), staff, direction, NULL, summary);
   }
}

typedef struct DemoActionSpec {
   const char *what;
   int owner;
   int creator;               /* who recorded it; -1 when it was part of another change */
   RdInstant created;
   RdDate due;
   ActionSource source;
   RdDate done_by;            /* done by this day; RD_NO_DATE: as time allows */
   bool keep_open;
} DemoActionSpec;

static void demo_action_updates(DemoBuild *b, DemoRng *r, int64_t id, int owner, RdInstant from, RdInstant to) {
   int n = demo_between(r, 0, 2);
   for (int i = 0; i < n; i++) {
      RdInstant at = demo_instant_between(r, from, to > b->now ? b->now : to);
      if (at == RD_NO_INSTANT)
         return;
      const char *text = PICK(r, demo_update_texts);
      int64_t uid = ++b->ids.update;
      sqlite3_stmt *q = demo_stmt(b, demo_update_sql);
      if (q) {
         sqlite3_bind_int64(q, 1, uid);
         sqlite3_bind_int64(q, 2, id);
         store_bind_instant(q, 3, at);
         sqlite3_bind_int64(q, 4, owner + 1);
         demo_text(q, 5, text);
         demo_run(b, q);
      }
      demo_event(b, at, owner, "action", id, "updated", "action #%lld: an update was recorded", (long long)id);
   }
}

/* An outstanding action with its event, updates and, when its time has come, its completion. */
static int64_t demo_action(DemoBuild *b, DemoRng *r, const DemoActionSpec *a) {
   DemoCase *c = &b->c;
   int64_t id = ++b->ids.action;
   RdDate created = demo_date(a->created), done = RD_NO_DATE;
   if (a->done_by != RD_NO_DATE) {
      RdDate last = a->done_by < b->today ? a->done_by : b->today;
      done = last <= created ? created : created + demo_between(r, 1, last - created);
   } else if (!a->keep_open) {
      int span = calendar_workdays_between(b->cal, b->div, created, a->due);
      RdDate d = demo_workday(b, created, demo_between(r, 1, (span > 0 ? span : 1) + 4));
      if (d <= b->today && demo_chance(r, 85))
         done = d;
   }
   sqlite3_stmt *q = demo_stmt(b, demo_action_sql);
   if (q) {
      sqlite3_bind_int64(q, 1, id);
      sqlite3_bind_int64(q, 2, c->id);
      demo_text(q, 3, a->what);
      sqlite3_bind_int64(q, 4, a->owner + 1);
      store_bind_date(q, 5, a->due);
      demo_text(q, 6, action_source_name(a->source));
      store_bind_date(q, 7, done);
      store_bind_instant(q, 8, a->created);
      sqlite3_bind_int(q, 9, done == RD_NO_DATE ? 1 : 2);
      demo_run(b, q);
   }
   char due[RD_DATE_BUFSIZE], day[RD_DATE_BUFSIZE];
   demo_date_text(a->due, due);
   if (a->creator >= 0)
      demo_event(b, a->created, a->creator, "action", id, "added", "action #%lld due %s, owned by %s", (long long)id,
                 due, b->staff[a->owner].login);
   RdInstant done_at = done == RD_NO_DATE ? RD_NO_INSTANT : demo_office_time(b, r, done, a->created);
   demo_action_updates(b, r, id, a->owner, a->created, done_at == RD_NO_INSTANT ? b->now : done_at);
   if (done_at != RD_NO_INSTANT) {
      demo_date_text(done, day);
      demo_event(b, done_at, a->owner, "action", id, "done", "action #%lld done %s", (long long)id, day);
   }
   return id;
}

/* A case closed as resolved has every action done by then (Code 6.6). */
static RdDate demo_actions_done_by(const DemoTimeline *t) {
   if (t->state == DS_RESOLVED)
      return demo_date(t->closed_at);
   if (t->state == DS_REOPENED && t->variant == 0)
      return demo_date(t->first_closed_at);
   return RD_NO_DATE;
}

/* A complaint about a named member of staff is raised with HR as it is logged (seed 001). */
static void demo_hr_notice(DemoBuild *b, DemoRng *r, const DemoTimeline *t) {
   DemoCase *c = &b->c;
   const DemoStaff *subject = &b->staff[c->subject];
   char what[300];
   snprintf(what, sizeof what, "Tell HR about complaint %s concerning %s (%s) (seed 001)", c->ref, subject->name,
            subject->login);
   RdDate received = demo_date(t->received_at);
   DemoActionSpec a = { what, c->logger, -1, t->received_at, calendar_add_workdays(b->cal, b->div, received, 1),
                        ACTION_FROM_HR_NOTICE, demo_actions_done_by(t), false };
   demo_action(b, r, &a);
}

static void demo_remedy(DemoBuild *b, DemoRng *r, const DemoTimeline *t, int stage, RemedyKind kind, RdInstant from,
                        RdInstant responded) {
   DemoCase *c = &b->c;
   int64_t id = ++b->ids.remedy;
   int64_t pence = kind == REMEDY_FINANCIAL_LOSS ? demo_between(r, 10, 150) * 500
                 : kind == REMEDY_GOODWILL ? demo_between(r, 5, 50) * 500 : 0;
   RdInstant created = demo_instant_between(r, from, responded);
   if (created == RD_NO_INSTANT)
      created = from;
   RdDate due = demo_workday(b, demo_date(responded), demo_between(r, 5, 20)), done = RD_NO_DATE;
   if (t->closed_at != RD_NO_INSTANT || demo_chance(r, 60)) {
      RdDate d = due - demo_between(r, 0, 4);
      if (d <= demo_date(responded))
         d = demo_date(responded) + 1;
      if (d <= b->today)
         done = d;
   }
   sqlite3_stmt *q = demo_stmt(b, demo_remedy_sql);
   if (q) {
      sqlite3_bind_int64(q, 1, id);
      sqlite3_bind_int64(q, 2, c->id);
      sqlite3_bind_int(q, 3, stage);
      demo_text(q, 4, remedy_kind_name(kind));
      demo_text(q, 5, demo_remedy_details[kind]);
      sqlite3_bind_int64(q, 6, pence);
      store_bind_date(q, 7, due);
      store_bind_date(q, 8, done);
      store_bind_instant(q, 9, created);
      demo_run(b, q);
   }
   char money[32] = "", day[RD_DATE_BUFSIZE];
   if (pence)
      remedy_format_pence(pence, money, sizeof money);
   int h = c->handler[stage - 1];
   demo_event(b, created, h, "remedy", id, "added", "remedy #%lld at stage %d: %s%s%s, with what will be done",
              (long long)id, stage, remedy_kind_name(kind), pence ? " " : "", money);
   if (done != RD_NO_DATE) {
      demo_date_text(done, day);
      demo_event(b, demo_office_time(b, r, done, created), h, "remedy", id, "done",
                 "remedy #%lld done (paid where money) %s", (long long)id, day);
   }
}

/* What putting it right looks like for the decision (Code 7.1). */
static void demo_remedies(DemoBuild *b, DemoRng *r, const DemoTimeline *t, int stage, RdInstant from,
                          RdInstant responded, Decision d) {
   if (d == DECISION_UPHELD) {
      demo_remedy(b, r, t, stage, REMEDY_APOLOGY, from, responded);
      if (demo_chance(r, 50))
         demo_remedy(b, r, t, stage, REMEDY_FINANCIAL_LOSS, from, responded);
      else if (demo_chance(r, 60))
         demo_remedy(b, r, t, stage, REMEDY_GOODWILL, from, responded);
      if (demo_chance(r, 30))
         demo_remedy(b, r, t, stage, demo_chance(r, 50) ? REMEDY_ACTION_ON_DELAY : REMEDY_POLICY_CHANGE, from,
                     responded);
   } else if (d == DECISION_PARTLY_UPHELD) {
      demo_remedy(b, r, t, stage, demo_chance(r, 50) ? REMEDY_APOLOGY : REMEDY_ACKNOWLEDGEMENT, from, responded);
      if (demo_chance(r, 40))
         demo_remedy(b, r, t, stage, REMEDY_GOODWILL, from, responded);
   } else if (demo_chance(r, 50)) {
      demo_remedy(b, r, t, stage, REMEDY_EXPLANATION, from, responded);
   }
}

static bool demo_open_after_response(const DemoTimeline *t, int stage) {
   return (stage == 1 && t->state == DS_S1_RESPONDED) || (stage == 2 && t->state == DS_S2_RESPONDED);
}

/* The outstanding actions a response lists (Code 6.6): tracked to completion after it. */
static void demo_response_actions(DemoBuild *b, DemoRng *r, const DemoTimeline *t, int stage, RdInstant from,
                                  RdInstant responded, Decision d) {
   DemoCase *c = &b->c;
   const DemoTopicInfo *topic = &demo_topics[c->topic];
   size_t kinds = 0;
   while (kinds < COUNT_OF(topic->actions) && topic->actions[kinds])
      kinds++;
   int n = d == DECISION_UPHELD ? demo_between(r, 1, 3) : d == DECISION_PARTLY_UPHELD ? demo_between(r, 0, 2)
                                                                                      : demo_between(r, 0, 1);
   bool open = demo_open_after_response(t, stage);
   if (open && n == 0)
      n = 1;
   size_t first = demo_below(r, (uint32_t)kinds);
   for (int i = 0; i < n && i < (int)kinds; i++) {
      RdInstant created = demo_instant_between(r, from, responded);
      int owner = demo_chance(r, 50) ? c->handler[stage - 1] : demo_staff_where(b, r, c->team, ROLE_HANDLER);
      DemoActionSpec a = { topic->actions[(first + (size_t)i) % kinds], owner, c->handler[stage - 1],
                           created == RD_NO_INSTANT ? from : created,
                           demo_workday(b, demo_date(responded), demo_between(r, 3, 30)), ACTION_FROM_RESPONSE,
                           demo_actions_done_by(t), open && i == 0 };
      demo_action(b, r, &a);
   }
}

static void demo_learning(DemoBuild *b, DemoRng *r, RdInstant responded, int staff) {
   RdInstant at = demo_step(b, r, responded, 1, 10);
   if (at > b->now)
      return;
   const char *const *lesson = demo_lessons[demo_below(r, COUNT_OF(demo_lessons))];
   int64_t id = ++b->ids.learning;
   sqlite3_stmt *q = demo_stmt(b, demo_learning_sql);
   if (q) {
      sqlite3_bind_int64(q, 1, id);
      sqlite3_bind_int64(q, 2, b->c.id);
      demo_text(q, 3, lesson[0]);
      demo_text(q, 4, lesson[1]);
      store_bind_instant(q, 5, at);
      sqlite3_bind_int64(q, 6, staff + 1);
      demo_run(b, q);
   }
   demo_event(b, at, staff, "learning", id, "recorded", "lesson #%lld from %s recorded, with its service improvement",
              (long long)id, b->c.ref);
}

static void demo_stage_story(DemoBuild *b, DemoRng *r, const DemoTimeline *t, int n) {
   DemoCase *c = &b->c;
   const DemoStageTime *st = &t->st[n - 1];
   int h = c->handler[n - 1];
   if (st->assigned_at != RD_NO_INSTANT) {
      int by = n == 1 ? demo_manager_of(b, c->team) : b->heads[2] == h ? b->heads[0] : b->heads[2];
      demo_event(b, st->assigned_at, by, "complaint", c->id, "assigned", "stage %d assigned to %s (%s)", n,
                 b->staff[h].name, b->staff[h].login);
   }
   if (st->acknowledged_at == RD_NO_INSTANT)
      return;
   char due[RD_DATE_BUFSIZE], ext[RD_DATE_BUFSIZE];
   demo_date_text(st->due.respond, due);
   demo_event(b, st->acknowledged_at, h, "complaint", c->id, "acknowledged",
              "stage %d acknowledged; response due %s; the complaint definition is recorded", n,
              due[0] ? due : "(agreed date)");
   c->last_update_at = demo_later(c->last_update_at, st->acknowledged_at);
   RdInstant end = st->responded_at != RD_NO_INSTANT ? st->responded_at
                 : t->closed_at != RD_NO_INSTANT ? t->closed_at : b->now;
   if (t->state != DS_NO_CONTACT)
      demo_contacts(b, r, st->acknowledged_at, end, h, 2);
   if (st->extended_at != RD_NO_INSTANT) {
      demo_date_text(st->extended_to, ext);
      demo_event(b, st->extended_at, h, "complaint", c->id, "extended",
                 "stage %d response extended to %s, with its reason; resident told with the Ombudsman's details", n,
                 ext);
      c->last_update_at = demo_later(c->last_update_at, st->extended_at);
   }
   if (st->responded_at == RD_NO_INSTANT)
      return;
   RdInstant from = demo_later(st->acknowledged_at, st->extended_at);
   demo_remedies(b, r, t, n, from, st->responded_at, st->decision);
   demo_response_actions(b, r, t, n, from, st->responded_at, st->decision);
   demo_event(b, st->responded_at, h, "complaint", c->id, "responded", "stage %d response: %s%s", n,
              complaint_decision_name(st->decision), n == 2 ? " (the landlord's final response; the resident may go "
              "to the Housing Ombudsman)" : " (the resident may ask to escalate to stage 2)");
   c->last_update_at = demo_later(c->last_update_at, st->responded_at);
   if (st->decision != DECISION_NOT_UPHELD && (b->ids.learning == 0 || demo_chance(r, 30)))
      demo_learning(b, r, st->responded_at, h);
}

/* Words a step was given, kept as a note on the case as complaint.c keeps them: part of the
 * step's change, with no event of their own. */
static void demo_note_row(DemoBuild *b, RdInstant at, int staff, const char *heading, const char *words) {
   char text[400];
   snprintf(text, sizeof text, "%s: %s", heading, words);
   sqlite3_stmt *q = demo_stmt(b, demo_contact_sql);
   if (q) {
      sqlite3_bind_int64(q, 1, ++b->ids.contact);
      sqlite3_bind_int64(q, 2, b->c.id);
      store_bind_instant(q, 3, at);
      demo_text(q, 4, "note");
      demo_text(q, 5, "note");
      demo_text(q, 6, text);
      sqlite3_bind_int64(q, 7, staff + 1);
      demo_run(b, q);
   }
}

static void demo_escalation_story(DemoBuild *b, DemoRng *r, const DemoTimeline *t) {
   DemoCase *c = &b->c;
   const char *why = PICK(r, demo_escalation_whys);
   RdInstant asked = t->st[1].requested_at;
   if (*why)
      demo_note_row(b, asked, c->logger, "Asked to escalate to stage 2", why);
   demo_event(b, asked, c->logger, "complaint", c->id, "escalated",
              "the resident asked to escalate to stage 2 (no reason is needed, Code 6.12)%s",
              *why ? "; their words are kept as a note" : "");
   if (t->st[1].declined_at == RD_NO_INSTANT)
      return;
   int by = demo_manager_of(b, c->team);
   demo_event(b, t->st[1].declined_at, by, "complaint", c->id, "escalation declined",
              "escalation declined, with the reason recorded; the resident is told in writing with their right to "
              "approach the Housing Ombudsman (Code 2.4; seed 001)");
   c->last_update_at = demo_later(c->last_update_at, t->st[1].declined_at);
}

static void demo_close_event(DemoBuild *b, RdInstant at, int by, CloseReason reason, const char *note) {
   demo_event(b, at, by, "complaint", b->c.id, "closed", "closed: %s%s", complaint_close_reason_name(reason),
              note && *note ? ", with a closing note" : "");
}

/* A referral to the Housing Ombudsman after the landlord's process ended; each order of a
 * determination becomes an action. their_ref receives the Ombudsman's reference. */
static void demo_referral(DemoBuild *b, DemoRng *r, RdDate referred, RdDate determined, bool reinvestigate,
                          char their_ref[16]) {
   DemoCase *c = &b->c;
   their_ref[0] = '\0';
   if (referred > b->today)
      return;
   int year;
   datetime_to_ymd(referred, &year, NULL, NULL);
   snprintf(their_ref, 16, "%04d%05d", year, demo_between(r, 0, 99999));
   const DemoDetermination *d = &demo_determinations[0];
   if (!reinvestigate) {
      int x = demo_between(r, 1, 100);
      for (size_t i = 0; i < COUNT_OF(demo_determinations) && x > demo_determinations[i].weight; i++) {
         x -= demo_determinations[i].weight;
         d = &demo_determinations[i + 1 < COUNT_OF(demo_determinations) ? i + 1 : i];
      }
   }
   if (determined > b->today)
      determined = RD_NO_DATE;
   int64_t id = ++b->ids.referral;
   int by = demo_manager_of(b, c->team);
   RdInstant at = demo_office_time(b, r, referred, RD_NO_INSTANT);
   sqlite3_stmt *q = demo_stmt(b, demo_referral_sql);
   if (q) {
      sqlite3_bind_int64(q, 1, id);
      sqlite3_bind_int64(q, 2, c->id);
      store_bind_date(q, 3, referred);
      demo_text(q, 4, their_ref);
      demo_text(q, 5, determined == RD_NO_DATE ? NULL : d->name);
      store_bind_date(q, 6, determined);
      store_bind_instant(q, 7, at);
      demo_run(b, q);
   }
   char day[RD_DATE_BUFSIZE];
   demo_date_text(referred, day);
   demo_event(b, at, by, "ombudsman_referral", id, "referred", "referred to the Housing Ombudsman on %s, with their "
              "reference", day);
   if (determined == RD_NO_DATE)
      return;
   RdInstant decided = demo_office_time(b, r, demo_workday(b, determined, 0), at);
   const char *orders[4];
   char pay[96];
   int n = 0;
   if (d->orders) {
      if (reinvestigate)
         orders[n++] = "Reinvestigate the complaint and issue a new final response";
      orders[n++] = demo_orders[demo_below(r, COUNT_OF(demo_orders))];
      if (demo_chance(r, 60)) {
         snprintf(pay, sizeof pay, "Pay the resident \302\243%d for the distress and inconvenience caused",
                  demo_between(r, 2, 12) * 50);
         orders[n++] = pay;
      }
   }
   demo_date_text(determined, day);
   demo_event(b, decided, by, "ombudsman_referral", id, "determined", "the Housing Ombudsman determined %s on %s",
              d->name, day);
   /* Each order is recorded with the action that carries it, as ombudsman_order does. */
   for (int i = 0; i < n; i++) {
      RdDate due = demo_workday(b, determined, demo_between(r, 10, 30));
      RdInstant ordered = decided + 60 * (i + 1);
      int64_t order = ++b->ids.order;
      char what[300], due_text[RD_DATE_BUFSIZE];
      snprintf(what, sizeof what, "Housing Ombudsman order (%s): %s", their_ref, orders[i]);
      DemoActionSpec a = { what, by, -1, ordered, due, ACTION_FROM_OMBUDSMAN_ORDER, RD_NO_DATE,
                           reinvestigate && i == 0 };
      int64_t action = demo_action(b, r, &a);
      q = demo_stmt(b, demo_order_sql);
      if (q) {
         sqlite3_bind_int64(q, 1, order);
         sqlite3_bind_int64(q, 2, id);
         demo_text(q, 3, orders[i]);
         store_bind_date(q, 4, due);
         sqlite3_bind_int64(q, 5, action);
         demo_run(b, q);
      }
      demo_date_text(due, due_text);
      demo_event(b, ordered, by, "ombudsman_order", order, "ordered", "Housing Ombudsman order #%lld of referral "
                 "#%lld, due %s, action #%lld owned by %s; the order's words are recorded", (long long)order,
                 (long long)id, due_text, (long long)action, b->staff[by].login);
   }
}

/* The one question of seed 004, sent once the policy's delay has passed since the end (a
 * policy with no delay sends none), to a resident who can be reached and has not said they
 * want no surveys; answered, or declined for good, or not at all. */
static void demo_survey(DemoBuild *b, DemoRng *r, const DemoTimeline *t) {
   DemoCase *c = &b->c;
   CloseReason why = t->close_reason;
   int delay = t->policy->survey_delay_days;
   DemoPerson *who = c->has_person ? &b->people[c->person_index] : NULL;
   if (delay <= 0 || !who || who->no_surveys || t->closed_at == RD_NO_INSTANT ||
       (why != CLOSE_RESOLVED && why != CLOSE_FINAL_RESPONSE && why != CLOSE_ESCALATION_DECLINED &&
        why != CLOSE_QUICK_RESOLUTION) || (b->surveys > 0 && !demo_chance(r, 50)))
      return;
   RdDate sent = demo_date(t->closed_at) + delay + demo_between(r, 0, 5), answered = RD_NO_DATE;
   if (sent > b->today)
      return;
   Decision d = t->st[t->stage - 1].decision;
   int satisfied = -1;
   bool declined = false;
   b->surveys++;
   if (b->surveys == 1 || demo_chance(r, 60)) {
      answered = sent + demo_between(r, 2, 20);
      if (answered > b->today)
         answered = RD_NO_DATE;
      else if (demo_chance(r, 6))
         declined = who->no_surveys = true;
      else
         satisfied = demo_chance(r, d == DECISION_UPHELD ? 65 : d == DECISION_PARTLY_UPHELD ? 50 : 30);
   }
   sqlite3_stmt *q = demo_stmt(b, demo_survey_sql);
   if (q) {
      sqlite3_bind_int64(q, 1, c->id);
      store_bind_date(q, 2, sent);
      store_bind_date(q, 3, answered);
      if (satisfied >= 0)
         sqlite3_bind_int(q, 4, satisfied);
      sqlite3_bind_int(q, 5, declined);
      demo_run(b, q);
   }
   char day[RD_DATE_BUFSIZE];
   demo_date_text(sent, day);
   demo_event(b, demo_office_time(b, r, sent, RD_NO_INSTANT), c->logger, "survey", c->id, "sent",
              "satisfaction survey sent on %s", day);
   if (answered == RD_NO_DATE)
      return;
   demo_date_text(answered, day);
   RdInstant at = demo_office_time(b, r, answered, RD_NO_INSTANT);
   if (declined)
      demo_event(b, at, c->logger, "survey", c->id, "declined", "the resident does not want to be involved in "
                 "surveys (said on %s)", day);
   else
      demo_event(b, at, c->logger, "survey", c->id, "answered", "satisfied with how the complaint was handled: %s "
                 "(answered on %s)", satisfied ? "yes" : "no", day);
}

static void demo_closure_story(DemoBuild *b, DemoRng *r, const DemoTimeline *t) {
   DemoCase *c = &b->c;
   char their_ref[16] = "";
   switch (t->state) {
   case DS_RESOLVED:
      demo_close_event(b, t->closed_at, c->handler[0], CLOSE_RESOLVED, c->close_note);
      break;
   case DS_NO_CONTACT: {
      RdInstant first = demo_instant_between(r, t->st[0].acknowledged_at, t->closed_at);
      demo_contact_at(b, r, first, c->handler[0], "out", "phone",
                      "Tried to call the resident about the complaint; no answer, message left");
      demo_contact_at(b, r, demo_instant_between(r, first, t->closed_at), c->handler[0], "out", "letter",
                      "Wrote asking the resident to get in touch about their complaint");
      demo_close_event(b, t->closed_at, c->handler[0], CLOSE_NO_CONTACT, c->close_note);
      break;
   }
   case DS_WITHDRAWN: {
      int by = c->handler[0] >= 0 ? c->handler[0] : demo_manager_of(b, c->team);
      demo_contact_at(b, r, t->closed_at - 60 * demo_between(r, 5, 60), by, "in", "phone", c->close_note);
      demo_close_event(b, t->closed_at, by, CLOSE_WITHDRAWN, c->close_note);
      break;
   }
   case DS_SERVICE_DONE:
      demo_close_event(b, t->closed_at, c->logger, CLOSE_SERVICE_REQUEST_DONE, c->close_note);
      break;
   case DS_FINAL:
      demo_close_event(b, t->closed_at, c->handler[1], CLOSE_FINAL_RESPONSE, c->close_note);
      if (demo_chance(r, 12)) {
         RdDate referred = demo_date(t->closed_at) + demo_between(r, 10, 90);
         demo_referral(b, r, referred, referred + demo_between(r, 40, 200), false, their_ref);
      }
      break;
   case DS_DECLINED:
      if (demo_chance(r, 30)) {
         RdDate referred = demo_date(t->closed_at) + demo_between(r, 10, 90);
         demo_referral(b, r, referred, referred + demo_between(r, 40, 200), false, their_ref);
      }
      break;
   case DS_REOPENED: {
      bool by_order = t->variant != 0;
      int h = c->handler[by_order ? 1 : 0];
      demo_close_event(b, t->first_closed_at, h, t->first_close_reason, c->close_note);
      if (by_order)
         demo_referral(b, r, t->referred_on, t->determined_on, true, their_ref);
      int by = by_order ? h : demo_manager_of(b, c->team);
      const char *why = by_order ? "Reinvestigate the complaint and issue a new final response"
                                 : "The problem came back within weeks of the repair";
      char heading[64];
      snprintf(heading, sizeof heading, by_order ? "Reopened by Housing Ombudsman order %s" : "Reopened by a manager",
               their_ref);
      demo_note_row(b, t->reopened_at, by, heading, why);
      demo_event(b, t->reopened_at, by, "complaint", c->id, "reopened", "reopened (was %s) %s; the reason is kept as "
                 "a note", complaint_close_reason_name(t->first_close_reason),
                 by_order ? "by a Housing Ombudsman order" : "by a manager");
      if (!by_order) {
         DemoActionSpec a = { demo_topics[c->topic].actions[0], h, by, t->reopened_at,
                              demo_workday(b, demo_date(t->reopened_at), demo_between(r, 5, 20)), ACTION_FROM_OTHER,
                              RD_NO_DATE, true };
         demo_action(b, r, &a);
      }
      demo_contacts(b, r, t->reopened_at, b->now, h, 2);
      break;
   }
   default:
      break;
   }
   demo_survey(b, r, t);
}

/* The events of a case along its timeline, with the rows they create. */
static void demo_case_story(DemoBuild *b, DemoRng *r, const DemoTimeline *t) {
   DemoCase *c = &b->c;
   bool untriaged_first = t->triaged_at != RD_NO_INSTANT || t->state == DS_UNTRIAGED;
   char words[400];
   demo_triage_words(b, untriaged_first ? KIND_UNTRIAGED : t->kind, words, sizeof words);
   demo_event(b, t->received_at, c->logger, "complaint", c->id, "logged", "logged by %s (%s); %s%s%s",
              demo_channels[t->channel].name, c->category, words, c->link_from ? "; related to " : "",
              c->link_from ? c->link_ref : "");
   if (c->subject >= 0)
      demo_hr_notice(b, r, t);
   if (t->triaged_at != RD_NO_INSTANT) {
      demo_triage_words(b, t->kind, words, sizeof words);
      int by = c->handler[0] >= 0 ? c->handler[0] : demo_staff_where(b, r, c->team, ROLE_HANDLER);
      demo_event(b, t->triaged_at, by, "complaint", c->id, "triaged", "%s", words);
   }
   if (t->kind == KIND_QUICK)
      c->last_update_at = t->received_at;
   if (t->st[0].present)
      demo_stage_story(b, r, t, 1);
   if (t->st[1].present) {
      demo_escalation_story(b, r, t);
      demo_stage_story(b, r, t, 2);
   }
   demo_closure_story(b, r, t);
}

/* --- a case: its choices and rows --------------------------------------------------------- */

typedef struct DemoExclusionText {
   const char *code;
   const char *detail;
} DemoExclusionText;

static const DemoExclusionText demo_exclusion_texts[] = {
   { "out-of-time", "The events complained of happened well before the policy's time limit" },
   { "legal-proceedings", "A possession claim is before the county court" },
   { "already-considered", "The same matter was answered at stage 2 last year" },
   { "asb-neighbour", "A dispute between neighbours about noise, passed to the ASB team" },
   { "safeguarding", "Passed to the safeguarding lead the same day" },
   { "appeal", "An appeal against a tenancy warning, handled under the appeals process" },
   { "service-charge", "A challenge to the reasonableness of service charges, for the First-tier Tribunal" },
   { "solicitor-disrepair", "The resident's solicitor has sent a pre-action disrepair letter" },
   { "outside-remit", "The bins are collected by the council, not by us" },
   { "insurance-injury", "A personal injury claim, passed to our insurers" },
   { "first-service-request", "First report of the problem, raised as a repair" },
};

static void demo_exclusion(DemoBuild *b, const DemoTimeline *t) {
   DemoCase *c = &b->c;
   const ExclusionReason *e = &b->s->config->exclusions[(size_t)t->variant % b->s->config->exclusion_count];
   c->exclusion_code = e->code;
   snprintf(c->exclusion_detail, sizeof c->exclusion_detail, "Refused: %s", e->label);
   for (size_t i = 0; i < COUNT_OF(demo_exclusion_texts); i++)
      if (strcmp(demo_exclusion_texts[i].code, e->code) == 0)
         str_copy(c->exclusion_detail, demo_exclusion_texts[i].detail, sizeof c->exclusion_detail);
}

static void demo_category(DemoBuild *b, DemoRng *r) {
   DemoCase *c = &b->c;
   int x = (int)demo_below(r, (uint32_t)b->category_weight_total);
   size_t i = 0;
   while (i + 1 < b->category_count && x >= demo_topics[b->category_topic[i]].weight)
      x -= demo_topics[b->category_topic[i++]].weight;
   c->category = b->s->config->categories[i];
   c->topic = b->category_topic[i];
   c->team = demo_topics[c->topic].team;
}

static void demo_summary(DemoBuild *b, DemoRng *r, const DemoTimeline *t) {
   DemoCase *c = &b->c;
   if (t->state == DS_SERVICE_REQUEST || t->state == DS_SERVICE_DONE) {
      str_copy(c->summary, PICK(r, demo_service_requests), sizeof c->summary);
      return;
   }
   const DemoTopicInfo *topic = &demo_topics[c->topic];
   size_t n = 0;
   while (n < COUNT_OF(topic->summaries) && topic->summaries[n])
      n++;
   str_copy(c->summary, topic->summaries[demo_below(r, (uint32_t)n)], sizeof c->summary);
}

/* The member of staff a complaint names: front-line staff, never the demo's user. */
static void demo_subject(DemoBuild *b, DemoRng *r) {
   DemoCase *c = &b->c;
   c->subject = -1;
   if (c->topic != TOPIC_STAFF && b->subjects > 0 && !demo_chance(r, 2))
      return;
   for (int tries = 0; tries < 32 && c->subject < 0; tries++) {
      int i = 1 + (int)demo_below(r, (uint32_t)(b->staff_count - 1));
      if (b->staff[i].grade <= 4 && (b->staff[i].roles & (ROLE_HANDLER | ROLE_FRONT_DESK)))
         c->subject = i;
   }
   if (c->subject >= 0) {
      c->team = b->staff[c->subject].team;
      b->subjects++;
   }
}

static void demo_incident(DemoBuild *b, DemoRng *r, const DemoTimeline *t) {
   DemoCase *c = &b->c;
   RdDate received = demo_date(t->received_at);
   RdDate cutoff = policy_eligibility_cutoff(t->policy, received);
   bool old = (t->kind == KIND_EXCLUDED && strcmp(c->exclusion_code, "out-of-time") == 0) ||
              ((t->kind == KIND_COMPLAINT || t->kind == KIND_UNTRIAGED) && demo_chance(r, 3));
   c->incident_on = RD_NO_DATE;
   if (old && cutoff != RD_NO_DATE)
      c->incident_on = cutoff - demo_between(r, 5, 300);
   else if (demo_chance(r, 70))
      c->incident_on = received - demo_between(r, 0, 60);
   c->out_of_time = c->incident_on != RD_NO_DATE && cutoff != RD_NO_DATE && c->incident_on < cutoff;
   c->accepted_late = c->out_of_time && t->kind == KIND_COMPLAINT ? PICK(r, demo_accept_late) : NULL;
}

static void demo_close_note(DemoBuild *b, DemoRng *r, const DemoTimeline *t) {
   DemoCase *c = &b->c;
   const char *note = NULL;
   switch (t->state) {
   case DS_QUICK:
      note = PICK(r, demo_quick_notes);
      break;
   case DS_SERVICE_DONE:
      note = PICK(r, demo_service_done);
      break;
   case DS_NO_CONTACT:
      note = "No reply to a call and a letter in the working days the policy allows (seed 003)";
      break;
   case DS_WITHDRAWN:
      note = PICK(r, demo_withdrawn_notes);
      break;
   case DS_RESOLVED:
   case DS_FINAL:
   case DS_REOPENED:
      note = demo_chance(r, 50) ? "Actions complete; the resident confirmed they are satisfied" : "";
      break;
   default:
      break;
   }
   c->has_close_note = note != NULL;
   str_copy(c->close_note, note ? note : "", sizeof c->close_note);
}

/* Who complains: a new person, someone who has complained before, a group, or nobody named. */
static void demo_complainants(DemoBuild *b, DemoRng *r, const DemoTimeline *t) {
   DemoCase *c = &b->c;
   /* Nobody can be sent a response, so anonymous complaints stop short of one (seeds 000, 004). */
   bool may_be_anonymous = t->state == DS_UNTRIAGED || t->state == DS_S1_NEW || t->state == DS_S1_ACKNOWLEDGED ||
                           t->state == DS_S1_EXTENDED || t->state == DS_EXCLUDED;
   c->anonymous = may_be_anonymous && (b->anonymous_cases == 0 || demo_chance(r, 3));
   if (c->anonymous) {
      b->anonymous_cases++;
      return;
   }
   if (b->people_count > 20 && demo_chance(r, 22)) {
      c->person_index = demo_below(r, (uint32_t)b->people_count);
      const DemoPerson *p = &b->people[c->person_index];
      c->person_id = p->id;
      if (p->last_case && demo_chance(r, 30)) {
         c->link_from = p->last_case;
         str_copy(c->link_ref, p->last_ref, sizeof c->link_ref);
      }
   } else {
      c->person_id = demo_person(b, r, t->received_at, c->logger);
      c->person_index = b->people_count - 1;
   }
   c->has_person = true;
   if (t->kind == KIND_COMPLAINT && (b->groups == 0 || demo_chance(r, 2))) {
      b->groups++;
      c->member_count = demo_between(r, 2, 5);
      for (int i = 0; i < c->member_count; i++)
         c->members[i] = demo_person(b, r, t->received_at, c->logger);
      char base[400];
      str_copy(base, c->summary, sizeof base);
      snprintf(c->summary, sizeof c->summary, "Group complaint from %d households: %.300s", c->member_count + 1,
               base);
   }
   if (b->ids.representative == 0 || demo_chance(r, 4))
      c->representative_id = demo_representative(b, r, c->person_id, t->received_at, c->logger);
}

static void demo_case_begin(DemoBuild *b, DemoRng *r, const DemoTimeline *t) {
   DemoCase *c = &b->c;
   DemoEvent *events = c->events;
   size_t cap = c->event_cap;
   memset(c, 0, sizeof *c);
   c->events = events;
   c->event_cap = cap;
   c->id = ++b->ids.complaint;
   int year;
   datetime_to_ymd(demo_date(t->received_at), &year, NULL, NULL);
   int slot = year - 1900 < 0 ? 0 : year - 1900 >= 300 ? 299 : year - 1900;
   unsigned number = (unsigned)++b->ref_last[slot];
   snprintf(c->ref, sizeof c->ref, "C%02u-%05u", (unsigned)year % 100u, number % 100000u);
   demo_category(b, r);
   demo_summary(b, r, t);
   c->outcome = PICK(r, demo_outcomes);
   c->logger = demo_staff_where(b, r, -1, ROLE_FRONT_DESK);
   demo_subject(b, r);
   if (c->subject >= 0 && demo_chance(r, 40))
      c->about_team = demo_teams[b->staff[c->subject].team];
   else if (demo_chance(r, 12))
      c->about_team = demo_teams[c->team];
   if (t->kind == KIND_EXCLUDED)
      demo_exclusion(b, t);
   demo_incident(b, r, t);
   demo_close_note(b, r, t);
   c->confidential = demo_chance(r, 2);
   c->last_update_at = RD_NO_INSTANT;
   demo_complainants(b, r, t);
   c->handler[0] = c->handler[1] = -1;
   for (int n = 1; n <= 2; n++) {
      const DemoStageTime *st = &t->st[n - 1];
      if (st->acknowledged_at != RD_NO_INSTANT || st->assigned_at != RD_NO_INSTANT)
         c->handler[n - 1] = demo_choose_handler(b, r, c, n, t->st[1].present);
      c->extension_reason[n - 1] = PICK(r, demo_extension_reasons);
      Decision d = st->decision == DECISION_NONE ? DECISION_UPHELD : st->decision;
      c->reasons[n - 1] = demo_reasons[d][demo_below(r, 3)];
   }
   char words[128];
   demo_words(words, sizeof words, c->summary);
   snprintf(c->definition[0], sizeof c->definition[0], "%s Outcome sought: %s", c->summary, c->outcome);
   snprintf(c->definition[1], sizeof c->definition[1], "Review of the stage 1 response to: %s", words);
   c->decline_reason = PICK(r, demo_decline_reasons);
}

static int demo_event_order(const void *a, const void *b) {
   const DemoEvent *x = a, *y = b;
   if (x->at != y->at)
      return x->at < y->at ? -1 : 1;
   return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static void demo_stage_row(DemoBuild *b, const DemoTimeline *t, int n) {
   const DemoCase *c = &b->c;
   const DemoStageTime *st = &t->st[n - 1];
   sqlite3_stmt *q = demo_stmt(b, demo_stage_sql);
   if (!q)
      return;
   bool acked = st->acknowledged_at != RD_NO_INSTANT;
   sqlite3_bind_int64(q, 1, c->id);
   sqlite3_bind_int(q, 2, n);
   store_bind_date(q, 3, st->start_on);
   store_bind_instant(q, 4, st->requested_at);
   demo_text(q, 5, acked ? c->definition[n - 1] : NULL);
   store_bind_id(q, 6, c->handler[n - 1] >= 0 ? c->handler[n - 1] + 1 : 0);
   store_bind_instant(q, 7, st->acknowledged_at);
   store_bind_date(q, 8, st->agreed_on);
   store_bind_date(q, 9, st->due.acknowledge);
   store_bind_date(q, 10, st->due.respond);
   store_bind_date(q, 11, st->due.extension_limit);
   store_bind_date(q, 12, st->extended_to);
   demo_text(q, 13, st->extended_at != RD_NO_INSTANT ? c->extension_reason[n - 1] : NULL);
   store_bind_instant(q, 14, st->extended_at);
   store_bind_instant(q, 15, st->responded_at);
   demo_text(q, 16, st->decision == DECISION_NONE ? NULL : complaint_decision_name(st->decision));
   demo_text(q, 17, st->responded_at != RD_NO_INSTANT ? c->reasons[n - 1] : NULL);
   store_bind_instant(q, 18, st->declined_at);
   demo_text(q, 19, st->declined_at != RD_NO_INSTANT ? c->decline_reason : NULL);
   demo_text(q, 20, t->policy->name);
   demo_run(b, q);
}

/* The complaint row, written before the rows that point at it; what its changes make of it
 * (version, last change, last update to the resident) is known only once its story is told. */
static void demo_complaint_row(DemoBuild *b, const DemoTimeline *t) {
   const DemoCase *c = &b->c;
   sqlite3_stmt *q = demo_stmt(b, demo_complaint_sql);
   if (!q)
      return;
   sqlite3_bind_int64(q, 1, c->id);
   demo_text(q, 2, c->ref);
   demo_text(q, 3, complaint_kind_name(t->kind));
   sqlite3_bind_int(q, 4, t->stage);
   store_bind_id(q, 5, c->person_id);
   store_bind_id(q, 6, c->representative_id);
   demo_text(q, 7, demo_channels[t->channel].name);
   store_bind_instant(q, 8, t->received_at);
   store_bind_date(q, 9, c->incident_on);
   demo_text(q, 10, c->category);
   demo_text(q, 11, c->summary);
   demo_text(q, 12, c->outcome);
   sqlite3_bind_int(q, 13, c->anonymous);
   sqlite3_bind_int(q, 14, c->confidential);
   store_bind_id(q, 15, c->subject >= 0 ? c->subject + 1 : 0);
   demo_text(q, 16, c->about_team ? c->about_team : "");
   demo_text(q, 17, c->exclusion_code);
   demo_text(q, 18, c->exclusion_code ? c->exclusion_detail : NULL);
   sqlite3_bind_int(q, 19, c->out_of_time);
   demo_text(q, 20, c->accepted_late);
   demo_text(q, 21, t->policy->name);
   store_bind_instant(q, 22, RD_NO_INSTANT);
   store_bind_instant(q, 23, t->closed_at);
   demo_text(q, 24, t->close_reason == CLOSE_NONE ? NULL : complaint_close_reason_name(t->close_reason));
   demo_text(q, 25, c->has_close_note ? c->close_note : NULL);
   sqlite3_bind_int64(q, 26, c->logger + 1);
   store_bind_instant(q, 27, t->received_at);
   sqlite3_bind_int64(q, 28, c->logger + 1);
   store_bind_instant(q, 29, t->received_at);
   sqlite3_bind_int(q, 30, 1);
   demo_run(b, q);
   for (int n = 1; n <= 2; n++)
      if (t->st[n - 1].present)
         demo_stage_row(b, t, n);
   for (int i = 0; i < c->member_count; i++) {
      sqlite3_stmt *m = demo_stmt(b, demo_member_sql);
      if (m) {
         sqlite3_bind_int64(m, 1, c->id);
         sqlite3_bind_int64(m, 2, c->members[i]);
         demo_run(b, m);
      }
   }
   if (c->link_from) {
      sqlite3_stmt *l = demo_stmt(b, demo_link_sql);
      if (l) {
         sqlite3_bind_int64(l, 1, c->link_from);
         sqlite3_bind_int64(l, 2, c->id);
         demo_run(b, l);
      }
   }
}

/* The events in the order they happened, and the complaint's version: one for the insert and
 * one for each change to the case, as complaint.c counts them. */
static void demo_case_finish(DemoBuild *b, const DemoTimeline *t) {
   static const char sql[] =
      "UPDATE complaint SET version = ?2, updated_by = ?3, updated_at = ?4, last_update_at = ?5 WHERE id = ?1";
   DemoCase *c = &b->c;
   qsort(c->events, c->event_count, sizeof *c->events, demo_event_order);
   int version = 1, updated_by = c->logger;
   RdInstant updated_at = t->received_at;
   for (size_t i = 0; i < c->event_count; i++) {
      if (strcmp(c->events[i].entity, "complaint") == 0) {
         version++;
         updated_by = c->events[i].actor;
         updated_at = c->events[i].at;
      }
   }
   sqlite3_stmt *q = demo_stmt(b, sql);
   if (q) {
      sqlite3_bind_int64(q, 1, c->id);
      sqlite3_bind_int(q, 2, version);
      sqlite3_bind_int64(q, 3, updated_by + 1);
      store_bind_instant(q, 4, updated_at);
      store_bind_instant(q, 5, c->last_update_at);
      demo_run(b, q);
   }
   for (size_t i = 0; i < c->event_count; i++) {
      const DemoEvent *e = &c->events[i];
      demo_record(b, e->at, e->actor, c->id, e->entity, e->entity_id, e->action, e->detail);
   }
   if (c->has_person) {
      DemoPerson *p = &b->people[c->person_index];
      p->last_case = c->id;
      str_copy(p->last_ref, c->ref, sizeof p->last_ref);
   }
}

static void demo_write_case(DemoBuild *b, const DemoPlan *p) {
   DemoTimeline t;
   demo_timeline(b, p, p->day, &t);
   DemoRng r = demo_rng(p->seed, 2);
   demo_case_begin(b, &r, &t);
   demo_complaint_row(b, &t);
   demo_case_story(b, &r, &t);
   demo_case_finish(b, &t);
   if (t.closed_at == RD_NO_INSTANT)
      b->open++;
}

/* --- the plan ---------------------------------------------------------------------------- */

static bool demo_targeted(DemoState s) {
   return s == DS_UNTRIAGED || s == DS_S1_NEW || s == DS_S1_ACKNOWLEDGED || s == DS_S1_EXTENDED ||
          s == DS_S2_REQUESTED || s == DS_S2_ACKNOWLEDGED || s == DS_S2_EXTENDED;
}

static DemoState demo_weighted_state(const DemoBuild *b, DemoRng *r, bool open) {
   int lo = open ? 0 : DS_OPEN_COUNT, hi = open ? DS_OPEN_COUNT : DS_COUNT, total = 0;
   bool excluded = b->s->config->exclusion_count > 0;
   for (int s = lo; s < hi; s++)
      total += s == DS_EXCLUDED && !excluded ? 0 : demo_state_weights[s];
   int x = (int)demo_below(r, (uint32_t)total);
   for (int s = lo; s < hi; s++) {
      int w = s == DS_EXCLUDED && !excluded ? 0 : demo_state_weights[s];
      if (x < w)
         return (DemoState)s;
      x -= w;
   }
   return (DemoState)lo;
}

/* One case of every state and every exclusion reason, then the rest by weight, with the open
 * share the size asks for. */
static void demo_plan_states(const DemoBuild *b, DemoPlan *plans, size_t n) {
   DemoRng r = demo_rng(b->seed, 4);
   size_t exclusions = b->s->config->exclusion_count;
   size_t open_n = n / 20, floor = n / 3 < 80 ? n / 3 : 80, i = 0, opened = 0;
   if (open_n < floor)
      open_n = floor;
   for (int s = 0; s < DS_OPEN_COUNT && i < n; s++, opened++)
      plans[i++] = (DemoPlan){ .state = (uint8_t)s, .variant = s == DS_REOPENED };
   for (int s = DS_OPEN_COUNT; s < DS_COUNT && i < n; s++)
      if (s != DS_EXCLUDED)
         plans[i++] = (DemoPlan){ .state = (uint8_t)s };
   for (size_t e = 0; e < exclusions && i < n; e++)
      plans[i++] = (DemoPlan){ .state = DS_EXCLUDED, .variant = (uint8_t)e };
   for (; i < n; i++) {
      bool open = opened < open_n;
      DemoState s = demo_weighted_state(b, &r, open);
      opened += open;
      uint8_t variant = s == DS_EXCLUDED ? (uint8_t)demo_below(&r, (uint32_t)exclusions)
                      : s == DS_REOPENED ? (uint8_t)demo_below(&r, 2) : 0;
      plans[i] = (DemoPlan){ .state = (uint8_t)s, .variant = variant };
   }
   size_t marked = 0;
   for (i = 0; i < n; i++) {
      plans[i].seed = demo_next(&r);
      plans[i].marker = demo_targeted((DemoState)plans[i].state)
                           ? (uint8_t)demo_marker_cycle[marked++ % COUNT_OF(demo_marker_cycle)] : MARK_NONE;
   }
}

/* The due date an open case should have to show its marker today. */
static RdDate demo_goal(const DemoBuild *b, DemoRng *r, DemoMarker marker) {
   int soon = b->policy->due_soon_days;
   switch (marker) {
   case MARK_OVERDUE:
      return b->today - demo_between(r, 1, b->open_age_days / 3);
   case MARK_DUE_TODAY:
      return b->today;
   case MARK_DUE_SOON:
      return demo_workday(b, b->today, demo_between(r, 1, soon > 0 ? soon : 1));
   default:
      return demo_workday(b, b->today, soon + demo_between(r, 1, 10));
   }
}

/* How many days ago an open case must be received for its target to show the marker planned:
 * shifting receipt by a day shifts the target by about a day, so one probe aims and a short
 * search around the aim corrects for weekends and holidays. */
static int demo_aim(const DemoBuild *b, DemoRng *r, const DemoPlan *p) {
   DemoTimeline t;
   demo_timeline(b, p, b->today - 30, &t);
   RdDate probe = demo_target(&t);
   if (probe == RD_NO_DATE)
      return demo_between(r, 1, b->open_age_days);
   int aim = 30 + (probe - demo_goal(b, r, (DemoMarker)p->marker));
   for (int d = 0; d <= 15; d++) {
      for (int sign = 1; sign >= -1; sign -= 2) {
         int k = aim + sign * d;
         if (k < 0 || (d == 0 && sign < 0))
            continue;
         demo_timeline(b, p, b->today - k, &t);
         if (t.last <= b->now && demo_marker(b, t.policy, demo_target(&t)) == p->marker)
            return k;
      }
   }
   return aim < 0 ? 0 : aim;
}

/* Places a case in time: every step of its timeline has happened by now. */
static void demo_place(const DemoBuild *b, DemoPlan *p) {
   DemoRng r = demo_rng(p->seed, 3);
   int k;
   if (p->state >= DS_OPEN_COUNT)
      k = demo_between(&r, 7, b->span_days);
   else if (p->marker != MARK_NONE)
      k = demo_aim(b, &r, p);
   else
      k = demo_between(&r, 1, b->open_age_days);
   DemoTimeline t;
   for (int tries = 0; tries < 1000; tries++) {
      demo_timeline(b, p, b->today - k, &t);
      if (t.last <= b->now)
         break;
      int over = demo_date(t.last) - b->today;
      k += over > 0 ? over : 1;
   }
   p->day = b->today - k;
   p->received = t.received_at;
}

static int demo_plan_order(const void *a, const void *b) {
   const DemoPlan *x = a, *y = b;
   if (x->received != y->received)
      return x->received < y->received ? -1 : 1;
   return x->seed < y->seed ? -1 : x->seed > y->seed;
}

/* --- compliments ------------------------------------------------------------------------- */

static const char demo_compliment_sql[] =
   "INSERT INTO compliment (id, received_at, channel, from_name, about_staff_id, about_team, summary, "
   "acknowledged_on, passed_on_on, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)";

static int demo_compliment_order(const void *a, const void *b) {
   const RdInstant *x = a, *y = b;
   return *x < *y ? -1 : *x > *y;
}

/* Logged, acknowledged and passed to the team (seed 002), in the order they came. */
static void demo_compliments(DemoBuild *b, size_t n) {
   DemoRng r = demo_rng(b->seed, 6);
   RdInstant *when = xcalloc(n, sizeof *when);
   for (size_t i = 0; i < n; i++)
      when[i] = demo_office_time(b, &r, demo_workday(b, b->today - demo_between(&r, 1, b->span_days), 0),
                                 RD_NO_INSTANT);
   qsort(when, n, sizeof *when, demo_compliment_order);
   for (size_t i = 0; i < n && demo_ok(b); i++) {
      if (when[i] > b->now)
         continue;
      int64_t id = ++b->ids.compliment;
      int about = demo_chance(&r, 60) ? 1 + (int)demo_below(&r, (uint32_t)(b->staff_count - 1)) : -1;
      const char *team = about >= 0 ? demo_teams[b->staff[about].team] : demo_teams[demo_below(&r, TEAM_COUNT)];
      char from[80] = "";
      if (demo_chance(&r, 90))
         demo_name(&r, from, sizeof from);
      const char *channel = demo_contact_channels[demo_below(&r, COUNT_OF(demo_contact_channels))];
      const char *summary = PICK(&r, demo_compliment_texts);
      RdDate acked = demo_workday(b, demo_date(when[i]), demo_between(&r, 0, 5));
      RdDate passed = demo_workday(b, acked, demo_between(&r, 0, 5));
      if (acked > b->today)
         acked = passed = RD_NO_DATE;
      else if (passed > b->today)
         passed = RD_NO_DATE;
      int logger = demo_staff_where(b, &r, -1, ROLE_FRONT_DESK);
      sqlite3_stmt *q = demo_stmt(b, demo_compliment_sql);
      if (q) {
         sqlite3_bind_int64(q, 1, id);
         store_bind_instant(q, 2, when[i]);
         demo_text(q, 3, channel);
         demo_text(q, 4, from);
         store_bind_id(q, 5, about >= 0 ? about + 1 : 0);
         demo_text(q, 6, team);
         demo_text(q, 7, summary);
         store_bind_date(q, 8, acked);
         store_bind_date(q, 9, passed);
         store_bind_instant(q, 10, when[i]);
         demo_run(b, q);
      }
      /* As compliment.c words them: who it is about, never who it is from or what it says. */
      char whom[160], detail[300], day[RD_DATE_BUFSIZE];
      if (about >= 0)
         snprintf(whom, sizeof whom, "%s of the %s team", b->staff[about].login, team);
      else
         snprintf(whom, sizeof whom, "the %s team", team);
      snprintf(detail, sizeof detail, "compliment #%lld by %s about %s, with who it is from and what it says",
               (long long)id, channel, whom);
      demo_record(b, when[i], logger, 0, "compliment", id, "logged", detail);
      if (acked != RD_NO_DATE) {
         datetime_format_date(acked, day);
         snprintf(detail, sizeof detail, "compliment #%lld acknowledged to its sender on %s", (long long)id, day);
         demo_record(b, demo_office_time(b, &r, acked, when[i]), logger, 0, "compliment", id, "acknowledged", detail);
      }
      if (passed != RD_NO_DATE) {
         datetime_format_date(passed, day);
         if (about >= 0)
            snprintf(whom, sizeof whom, "%s (%s)", b->staff[about].name, b->staff[about].login);
         snprintf(detail, sizeof detail, "compliment #%lld passed on to %s on %s", (long long)id, whom, day);
         demo_record(b, demo_office_time(b, &r, passed, when[i]), logger, 0, "compliment", id, "passed-on", detail);
      }
      b->compliments++;
   }
   free(when);
}

/* --- the build ----------------------------------------------------------------------------- */

static DemoTopic demo_topic_of(const char *category) {
   char lower[128];
   size_t i = 0;
   for (; category[i] && i + 1 < sizeof lower; i++)
      lower[i] = (char)tolower((unsigned char)category[i]);
   lower[i] = '\0';
   for (int t = 0; t < TOPIC_COUNT; t++)
      if (demo_topics[t].keyword && strstr(lower, demo_topics[t].keyword))
         return (DemoTopic)t;
   return TOPIC_OTHER;
}

static RdStatus demo_check_empty(Store *st, RdError *err) {
   static const char sql[] =
      "SELECT (SELECT count(*) FROM staff) + (SELECT count(*) FROM complaint) + (SELECT count(*) FROM person)";
   sqlite3_stmt *q = store_stmt(st, sql, err);
   if (!q)
      return RD_EDB;
   int64_t n = sqlite3_step(q) == SQLITE_ROW ? sqlite3_column_int64(q, 0) : -1;
   sqlite3_reset(q);
   if (n < 0)
      return store_fail(st, err, "looking into the database");
   if (n > 0)
      return error_set(err, RD_ERULE, "%s already holds staff, people or cases: a demo is built only into a new "
                       "database", store_path(st));
   return RD_OK;
}

static RdStatus demo_setup(DemoBuild *b, Session *s, const DemoOptions *opts, RdError *err) {
   memset(b, 0, sizeof *b);
   b->s = s;
   b->store = s->store;
   b->policy = &s->policy;
   b->cal = s->calendar;
   b->div = s->config->division;
   b->office = s->config->office;
   /* As of the minute the clock shows, so that the same seed builds the same database
    * although the clock runs on while the build starts. */
   b->now = clock_now() / 60 * 60;
   b->today = datetime_local_date(b->now);
   b->seed = opts->seed;
   b->err = err;
   b->me = -1;
   /* A year for every 20,000 cases (a large landlord's intake), from two years, so that even
    * a small demo has a year under each policy, up to ten. */
   long span = (long)(opts->cases * 365 / 20000);
   b->span_days = span < 730 ? 730 : span > 3650 ? 3650 : (int)span;
   b->open_age_days = opts->cases > 50000 ? 150 : 60;
   DemoRng r = demo_rng(b->seed, 7);
   b->towns = demo_regions[demo_below(&r, COUNT_OF(demo_regions))];
   b->next_tenancy = 1000000u + demo_below(&r, 500000);
   /* Survey answers come only under a profile that sends surveys. When the landlord's own
    * sends none, the cases of more than a year ago were handled under seed 004's profile,
    * which does: the history then also shows due dates kept with the policy that computed
    * them after the landlord changed its policy. */
   if (b->policy->survey_delay_days <= 0 && strcmp(b->policy->name, DEMO_PREVIOUS_POLICY) != 0 &&
       session_policy(s, DEMO_PREVIOUS_POLICY, &b->previous, NULL) == RD_OK) {
      b->has_previous = true;
      b->switch_day = b->today - 365;
   }
   b->category_count = s->config->category_count;
   if (b->category_count == 0)
      return error_set(err, RD_ECONFIG, "the configuration lists no categories for complaints to be about");
   b->category_topic = xcalloc(b->category_count, sizeof *b->category_topic);
   for (size_t i = 0; i < b->category_count; i++) {
      b->category_topic[i] = demo_topic_of(s->config->categories[i]);
      b->category_weight_total += demo_topics[b->category_topic[i]].weight;
   }
   return RD_OK;
}

static void demo_free(DemoBuild *b) {
   for (size_t i = 0; i < b->index_count; i++)
      free(b->index_sql[i]);
   free(b->staff);
   free(b->people);
   free(b->category_topic);
   free(b->c.events);
}

static void demo_ref_counters(DemoBuild *b) {
   static const char sql[] = "INSERT INTO ref_counter (year, last) VALUES (?1, ?2)";
   for (int i = 0; i < 300 && demo_ok(b); i++) {
      if (!b->ref_last[i])
         continue;
      sqlite3_stmt *q = demo_stmt(b, sql);
      if (q) {
         sqlite3_bind_int(q, 1, 1900 + i);
         sqlite3_bind_int(q, 2, b->ref_last[i]);
         demo_run(b, q);
      }
   }
}

static void demo_meta(DemoBuild *b, size_t cases) {
   char created[RD_INSTANT_BUFSIZE], seed[32], detail[300];
   datetime_format_instant(b->now, created);
   snprintf(seed, sizeof seed, "%llu", (unsigned long long)b->seed);
   if (demo_ok(b))
      b->st = store_meta_set(b->store, "landlord", b->s->config->landlord_name, b->err);
   if (demo_ok(b))
      b->st = store_meta_set(b->store, "created_at", created, b->err);
   if (demo_ok(b))
      b->st = store_meta_set(b->store, "demo_seed", seed, b->err);
   snprintf(detail, sizeof detail, "%s: a demo database of %zu cases from seed %s, built relative to %s",
            b->s->config->landlord_name, cases, seed, created);
   demo_record(b, b->now, b->me, 0, "database", 0, "created", detail);
}

/* The schema's own indexes are dropped while the rows go in and made again from their stored
 * definitions at the end: sorting each index once costs far less than keeping it in order
 * through millions of inserts. The definitions are kept in b until demo_free. */
static void demo_drop_indexes(DemoBuild *b) {
   static const char sql[] =
      "SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL ORDER BY name";
   sqlite3_stmt *q = demo_stmt(b, sql);
   if (!q)
      return;
   char *drops[64];
   size_t n = 0;
   while (sqlite3_step(q) == SQLITE_ROW && n < 64 && b->index_count < 64) {
      drops[n++] = xasprintf("DROP INDEX \"%s\"", store_column_text(q, 0));
      b->index_sql[b->index_count++] = store_column_dup(q, 1);
   }
   sqlite3_reset(q);
   for (size_t i = 0; i < n; i++) {
      demo_exec(b, drops[i], "setting the indexes aside for the build");
      free(drops[i]);
   }
}

static void demo_make_indexes(DemoBuild *b) {
   demo_begin(b);
   for (size_t i = 0; i < b->index_count; i++)
      demo_exec(b, b->index_sql[i], "making the indexes");
   demo_commit(b);
}

static void demo_write(DemoBuild *b, const DemoOptions *opts, DemoPlan *plans) {
   demo_begin(b);
   demo_meta(b, opts->cases);
   for (size_t i = 0; i < opts->cases && demo_ok(b); i++) {
      demo_write_case(b, &plans[i]);
      if ((i + 1) % DEMO_CASES_PER_COMMIT == 0) {
         demo_commit(b);
         demo_begin(b);
      }
      if (opts->progress && ((i + 1) % DEMO_PROGRESS_EVERY == 0 || i + 1 == opts->cases))
         opts->progress(opts->progress_data, i + 1, opts->cases);
   }
   demo_compliments(b, opts->cases / 8 > 10 ? opts->cases / 8 : 10);
   demo_ref_counters(b);
   demo_commit(b);
}

RdStatus demo_build(Session *s, const DemoOptions *opts, DemoSummary *out, RdError *err) {
   if (opts->cases < DEMO_MIN_CASES || opts->cases > DEMO_MAX_CASES)
      return error_set(err, RD_EINPUT, "a demo has from %d to %d cases (%zu asked for)", DEMO_MIN_CASES,
                       DEMO_MAX_CASES, opts->cases);
   if (!s->store)
      return error_set(err, RD_EDB, "internal: the demo needs a database open");
   RdStatus st = demo_check_empty(s->store, err);
   if (st != RD_OK)
      return st;
   DemoBuild b;
   if ((st = demo_setup(&b, s, opts, err)) != RD_OK) {
      demo_free(&b);
      return st;
   }
   DemoPlan *plans = xcalloc(opts->cases, sizeof *plans);
   demo_plan_states(&b, plans, opts->cases);
   for (size_t i = 0; i < opts->cases; i++)
      demo_place(&b, &plans[i]);
   qsort(plans, opts->cases, sizeof *plans, demo_plan_order);
   /* Nobody else uses the new file yet, and a build that fails is removed: while it is built,
    * pages are written once (no WAL), without waiting for the disk, from a larger cache. */
   demo_exec(&b, "PRAGMA foreign_keys = OFF; PRAGMA journal_mode = MEMORY; PRAGMA synchronous = OFF; PRAGMA cache_size = -65536",
             "preparing to build");
   demo_drop_indexes(&b);
   demo_begin(&b);
   demo_staff(&b, opts->my_name);
   demo_commit(&b);
   demo_write(&b, opts, plans);
   demo_make_indexes(&b);
   RdStatus built = b.st;
   b.st = RD_OK;
   demo_exec(&b, "PRAGMA foreign_keys = ON; PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA cache_size = -2000",
             "finishing the build");
   if (built == RD_OK && out) {
      *out = (DemoSummary){ opts->cases, b.open, b.people_count, b.staff_count, b.compliments, b.events,
                            (b.span_days + 364) / 365, "", b.has_previous ? b.switch_day : RD_NO_DATE };
      if (b.has_previous)
         str_copy(out->previous_policy, b.previous.name, sizeof out->previous_policy);
   }
   free(plans);
   demo_free(&b);
   return built != RD_OK ? built : b.st;
}
