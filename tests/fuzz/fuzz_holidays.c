/* Fuzz target: GOV.UK bank-holidays.json as 'redress holidays import' reads it. */
#include "config.h"

#include "fuzz.h"
#include "redress/calendar.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
   Calendar *cal = calendar_new();
   RdError err;
   if (calendar_merge_json(cal, (const char *)data, size, "fuzz.json", &err) == RD_OK)
      (void)calendar_add_workdays(cal, DIVISION_SCOTLAND, calendar_first_known_year(cal, DIVISION_SCOTLAND), 30);
   calendar_free(cal);
   return 0;
}
