/* holidays: bank holidays imported into the database, shared by everyone using it. */
#ifndef REDRESS_HOLIDAYS_H
#define REDRESS_HOLIDAYS_H

#include <stddef.h>

#include "redress/calendar.h"
#include "redress/error.h"
#include "redress/store.h"

typedef struct HolidayImport {
   size_t read;        /* events in the file, all divisions */
   size_t added;       /* new to this calendar */
   size_t known;       /* already known (shipped or imported before) */
} HolidayImport;

/* Reads a GOV.UK bank-holidays.json file and stores every holiday the calendar does
 * not already know, in one transaction with its audit event. Bad JSON changes nothing.
 * The calendar gains the new holidays too. */
RdStatus holidays_import(Store *st, Calendar *cal, const char *path, const char *actor,
                         HolidayImport *result, RdError *err);

#endif
