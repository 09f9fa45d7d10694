/* holidays: importing GOV.UK's list into the database. */
#include "config.h"

#include <stdio.h>

#include "redress/audit.h"
#include "redress/clock.h"
#include "redress/holidays.h"

static RdStatus holidays_store_one(Store *st, Division d, const Holiday *h, RdError *err) {
   static const char sql[] =
      "INSERT INTO holiday (division, date, title, notes) VALUES (?1, ?2, ?3, ?4) "
      "ON CONFLICT (division, date) DO NOTHING";
   sqlite3_stmt *stmt = store_stmt(st, sql, err);
   if (!stmt)
      return RD_EDB;
   store_bind_text(stmt, 1, calendar_division_name(d));
   store_bind_date(stmt, 2, h->date);
   store_bind_text(stmt, 3, h->title);
   store_bind_text(stmt, 4, h->notes);
   return store_run(st, stmt, err);
}

static RdStatus holidays_store_new(Store *st, const Calendar *cal, const Calendar *incoming,
                                   HolidayImport *result, RdError *err) {
   for (int d = 0; d < DIVISION_COUNT; d++) {
      for (size_t i = 0; i < calendar_holiday_count(incoming, (Division)d); i++) {
         const Holiday *h = calendar_holiday_at(incoming, (Division)d, i);
         result->read++;
         if (calendar_holiday_on(cal, (Division)d, h->date)) {
            result->known++;
            continue;
         }
         RdStatus s = holidays_store_one(st, (Division)d, h, err);
         if (s != RD_OK)
            return s;
         result->added++;
      }
   }
   return RD_OK;
}

static void holidays_merge(Calendar *cal, const Calendar *incoming) {
   for (int d = 0; d < DIVISION_COUNT; d++)
      for (size_t i = 0; i < calendar_holiday_count(incoming, (Division)d); i++) {
         const Holiday *h = calendar_holiday_at(incoming, (Division)d, i);
         calendar_add_holiday(cal, (Division)d, h->date, h->title, h->notes);
      }
}

RdStatus holidays_import(Store *st, Calendar *cal, const char *path, const char *actor,
                         HolidayImport *result, RdError *err) {
   *result = (HolidayImport){ 0, 0, 0 };
   Calendar *incoming = calendar_new();
   RdStatus s = calendar_load_file(incoming, path, err);
   if (s == RD_OK)
      s = store_begin(st, err);
   if (s != RD_OK) {
      calendar_free(incoming);
      return s;
   }
   s = holidays_store_new(st, cal, incoming, result, err);
   if (s == RD_OK) {
      char detail[256];
      snprintf(detail, sizeof detail, "imported %s: %zu holidays read, %zu new", path, result->read,
               result->added);
      AuditEvent ev = { 0, "holiday", 0, "imported", detail };
      s = audit_record(st, actor, clock_now(), &ev, err);
   }
   if (s == RD_OK)
      s = store_commit(st, err);
   else
      store_rollback(st);
   if (s == RD_OK)
      holidays_merge(cal, incoming);
   calendar_free(incoming);
   return s;
}
