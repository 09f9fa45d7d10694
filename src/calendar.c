/* calendar: bank holidays and working-day arithmetic. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "redress/calendar.h"
#include "redress/xalloc.h"

/* The bitmap covers 1900-01-01 to 2199-12-31; outside it only weekends are known. */
#define CALENDAR_FIRST_YEAR 1900
#define CALENDAR_YEARS 300
#define CALENDAR_DAYS (CALENDAR_YEARS * 366)

typedef struct DivisionDays {
   Holiday *holidays;           /* sorted by date */
   size_t count;
   size_t capacity;
   unsigned char bits[CALENDAR_DAYS / 8 + 1];
   bool known_year[CALENDAR_YEARS];
} DivisionDays;

struct Calendar {
   RdDate base;                 /* 1900-01-01 */
   DivisionDays division[DIVISION_COUNT];
};

static const char *const calendar_division_names[DIVISION_COUNT] = {
   "england-and-wales", "scotland", "northern-ireland"
};
static const char *const calendar_division_titles[DIVISION_COUNT] = {
   "England and Wales", "Scotland", "Northern Ireland"
};

RdStatus calendar_division_parse(const char *name, Division *out, RdError *err) {
   for (int i = 0; i < DIVISION_COUNT; i++) {
      if (name && strcmp(name, calendar_division_names[i]) == 0) {
         *out = (Division)i;
         return RD_OK;
      }
   }
   return error_set(err, RD_EINPUT,
                    "'%s' is not a UK division: use england-and-wales, scotland or northern-ireland",
                    name ? name : "");
}

const char *calendar_division_name(Division division) {
   return calendar_division_names[division];
}

const char *calendar_division_title(Division division) {
   return calendar_division_titles[division];
}

Calendar *calendar_new(void) {
   Calendar *cal = xcalloc(1, sizeof *cal);
   cal->base = datetime_from_ymd(CALENDAR_FIRST_YEAR, 1, 1);
   return cal;
}

static void calendar_clear_division(DivisionDays *dd) {
   for (size_t i = 0; i < dd->count; i++) {
      free(dd->holidays[i].title);
      free(dd->holidays[i].notes);
   }
   free(dd->holidays);
}

void calendar_free(Calendar *cal) {
   if (!cal)
      return;
   for (int d = 0; d < DIVISION_COUNT; d++)
      calendar_clear_division(&cal->division[d]);
   free(cal);
}

static long calendar_index(const Calendar *cal, RdDate date) {
   long i = (long)date - cal->base;
   return (i >= 0 && i < CALENDAR_DAYS) ? i : -1;
}

static int calendar_year_slot(RdDate date) {
   int year;
   datetime_to_ymd(date, &year, NULL, NULL);
   int slot = year - CALENDAR_FIRST_YEAR;
   return (slot >= 0 && slot < CALENDAR_YEARS) ? slot : -1;
}

static size_t calendar_find(const DivisionDays *dd, RdDate date, bool *found) {
   size_t lo = 0, hi = dd->count;
   while (lo < hi) {
      size_t mid = lo + (hi - lo) / 2;
      if (dd->holidays[mid].date < date)
         lo = mid + 1;
      else
         hi = mid;
   }
   *found = lo < dd->count && dd->holidays[lo].date == date;
   return lo;
}

bool calendar_add_holiday(Calendar *cal, Division division, RdDate date, const char *title,
                          const char *notes) {
   DivisionDays *dd = &cal->division[division];
   bool found;
   size_t at = calendar_find(dd, date, &found);
   if (found)
      return false;
   if (dd->count == dd->capacity) {
      dd->capacity = dd->capacity ? dd->capacity * 2 : 64;
      dd->holidays = xreallocarray(dd->holidays, dd->capacity, sizeof *dd->holidays);
   }
   memmove(&dd->holidays[at + 1], &dd->holidays[at], (dd->count - at) * sizeof *dd->holidays);
   dd->holidays[at] = (Holiday){ date, xstrdup(title ? title : ""), xstrdup(notes ? notes : "") };
   dd->count++;
   long i = calendar_index(cal, date);
   if (i >= 0)
      dd->bits[i / 8] |= (unsigned char)(1u << (i % 8));
   int slot = calendar_year_slot(date);
   if (slot >= 0)
      dd->known_year[slot] = true;
   return true;
}

size_t calendar_holiday_count(const Calendar *cal, Division division) {
   return cal->division[division].count;
}

const Holiday *calendar_holiday_at(const Calendar *cal, Division division, size_t i) {
   const DivisionDays *dd = &cal->division[division];
   return i < dd->count ? &dd->holidays[i] : NULL;
}

const Holiday *calendar_holiday_on(const Calendar *cal, Division division, RdDate date) {
   const DivisionDays *dd = &cal->division[division];
   bool found;
   size_t at = calendar_find(dd, date, &found);
   return found ? &dd->holidays[at] : NULL;
}

static bool calendar_is_holiday(const Calendar *cal, Division division, RdDate date) {
   long i = calendar_index(cal, date);
   if (i < 0)
      return false;
   return (cal->division[division].bits[i / 8] >> (i % 8)) & 1u;
}

bool calendar_is_workday(const Calendar *cal, Division division, RdDate date) {
   Weekday wd = datetime_weekday(date);
   if (wd == WEEKDAY_SATURDAY || wd == WEEKDAY_SUNDAY)
      return false;
   return !calendar_is_holiday(cal, division, date);
}

bool calendar_knows(const Calendar *cal, Division division, RdDate date) {
   int slot = calendar_year_slot(date);
   return slot >= 0 && cal->division[division].known_year[slot];
}

bool calendar_knows_range(const Calendar *cal, Division division, RdDate from, RdDate to) {
   if (to < from) {
      RdDate t = from;
      from = to;
      to = t;
   }
   int first, last;
   datetime_to_ymd(from, &first, NULL, NULL);
   datetime_to_ymd(to, &last, NULL, NULL);
   for (int y = first; y <= last; y++) {
      if (!calendar_knows(cal, division, datetime_from_ymd(y, 1, 1)))
         return false;
   }
   return true;
}

int calendar_first_known_year(const Calendar *cal, Division division) {
   for (int s = 0; s < CALENDAR_YEARS; s++)
      if (cal->division[division].known_year[s])
         return CALENDAR_FIRST_YEAR + s;
   return 0;
}

int calendar_last_known_year(const Calendar *cal, Division division) {
   for (int s = CALENDAR_YEARS - 1; s >= 0; s--)
      if (cal->division[division].known_year[s])
         return CALENDAR_FIRST_YEAR + s;
   return 0;
}

RdDate calendar_add_workdays(const Calendar *cal, Division division, RdDate start, int n) {
   RdDate d = start;
   int step = n >= 0 ? 1 : -1;
   for (int left = abs(n); left > 0;) {
      d += step;
      if (calendar_is_workday(cal, division, d))
         left--;
   }
   return d;
}

int calendar_workdays_between(const Calendar *cal, Division division, RdDate from, RdDate to) {
   if (to < from)
      return -calendar_workdays_between(cal, division, to, from);
   int count = 0;
   for (RdDate d = from + 1; d <= to; d++)
      count += calendar_is_workday(cal, division, d);
   return count;
}

RdDate calendar_next_workday(const Calendar *cal, Division division, RdDate date) {
   return calendar_add_workdays(cal, division, date, 1);
}

RdDate calendar_start_day(const Calendar *cal, Division division, const OfficeHours *hours,
                          RdInstant t) {
   RdDate day = datetime_local_date(t);
   bool after_close = hours && datetime_local_minute_of_day(t) >= hours->close_minute;
   if (!calendar_is_workday(cal, division, day) || after_close)
      return calendar_next_workday(cal, division, day);
   return day;
}

/* --- GOV.UK bank-holidays.json ----------------------------------------------------- */

static RdStatus calendar_read_event(Calendar *into, Division division, json_t *event,
                                    size_t index, const char *origin, RdError *err) {
   const char *div = calendar_division_names[division];
   if (!json_is_object(event))
      return error_set(err, RD_EINPUT, "%s: %s event %zu is not an object", origin, div, index + 1);
   json_t *title = json_object_get(event, "title");
   json_t *date = json_object_get(event, "date");
   json_t *notes = json_object_get(event, "notes");
   if (!json_is_string(title) || !json_is_string(date))
      return error_set(err, RD_EINPUT, "%s: %s event %zu needs a \"title\" and a \"date\" string",
                       origin, div, index + 1);
   if (notes && !json_is_string(notes) && !json_is_null(notes))
      return error_set(err, RD_EINPUT, "%s: %s event %zu has \"notes\" that is not a string", origin,
                       div, index + 1);
   RdDate d;
   RdError date_err;
   if (datetime_parse_date(json_string_value(date), &d, &date_err) != RD_OK)
      return error_set(err, RD_EINPUT, "%s: %s event %zu (\"%s\"): %s", origin, div, index + 1,
                       json_string_value(title), date_err.message);
   calendar_add_holiday(into, division, d, json_string_value(title),
                        json_is_string(notes) ? json_string_value(notes) : "");
   return RD_OK;
}

static RdStatus calendar_read_json(Calendar *into, json_t *root, const char *origin, RdError *err) {
   if (!json_is_object(root))
      return error_set(err, RD_EINPUT, "%s: expected an object of divisions, as GOV.UK publishes", origin);
   if (json_object_size(root) == 0)
      return error_set(err, RD_EINPUT, "%s: holds no divisions", origin);
   const char *key;
   json_t *value;
   json_object_foreach(root, key, value) {
      Division division;
      if (calendar_division_parse(key, &division, NULL) != RD_OK)
         return error_set(err, RD_EINPUT,
                          "%s: unknown division \"%s\" (expected england-and-wales, scotland, "
                          "northern-ireland)", origin, key);
      json_t *events = json_is_object(value) ? json_object_get(value, "events") : NULL;
      if (!json_is_array(events))
         return error_set(err, RD_EINPUT, "%s: division \"%s\" has no \"events\" list", origin, key);
      size_t i;
      json_t *event;
      json_array_foreach(events, i, event) {
         RdStatus st = calendar_read_event(into, division, event, i, origin, err);
         if (st != RD_OK)
            return st;
      }
   }
   return RD_OK;
}

RdStatus calendar_merge_json(Calendar *cal, const char *text, size_t len, const char *origin,
                             RdError *err) {
   json_error_t jerr;
   json_t *root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &jerr);
   if (!root)
      return error_set(err, RD_EINPUT, "%s:%d: not valid JSON: %s", origin, jerr.line, jerr.text);
   Calendar *staged = calendar_new();
   RdStatus st = calendar_read_json(staged, root, origin, err);
   json_decref(root);
   if (st == RD_OK) {
      for (int d = 0; d < DIVISION_COUNT; d++) {
         const DivisionDays *dd = &staged->division[d];
         for (size_t i = 0; i < dd->count; i++)
            calendar_add_holiday(cal, (Division)d, dd->holidays[i].date, dd->holidays[i].title,
                                 dd->holidays[i].notes);
      }
   }
   calendar_free(staged);
   return st;
}

RdStatus calendar_load_file(Calendar *cal, const char *path, RdError *err) {
   FILE *f = fopen(path, "rb");
   if (!f)
      return error_set(err, RD_EIO, "cannot read holidays file %s: %m", path);
   char *text = NULL;
   size_t len = 0, cap = 0;
   RdStatus st = RD_OK;
   for (;;) {
      if (len + 4096 > cap) {
         cap = cap ? cap * 2 : 65536;
         text = xrealloc(text, cap);
      }
      size_t n = fread(text + len, 1, cap - len, f);
      len += n;
      if (n == 0)
         break;
   }
   if (ferror(f))
      st = error_set(err, RD_EIO, "error reading holidays file %s", path);
   fclose(f);
   if (st == RD_OK)
      st = calendar_merge_json(cal, text, len, path, err);
   free(text);
   return st;
}
