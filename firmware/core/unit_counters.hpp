#pragma once
/// What the running unit counts: raised by its pipeline, read at any time by
/// the diagnostics shell and the metrics, and logged when it stops.

#include "core/counter.hpp"

namespace anpr::core {

struct UnitCounters {
    Counter frames;          ///< frames taken from the source, failed ones included
    Counter frames_failed;   ///< frames that could not be decoded or read
    Counter reads;           ///< plate reads committed to the outbox (still images)
    Counter passages;        ///< vehicle passages committed to the outbox (video)
    Counter frames_dropped;  ///< live frames the reader had no time for
    Counter frames_skipped;  ///< frames not read: nothing moved (motion gate)
    Counter outages;         ///< times a live source was lost
    Counter refused;         ///< records not stored: the outbox was full
    Counter hits;            ///< hit list matches, each sent as an alert
    Counter not_uploaded;    ///< passages that hit nothing, not kept (purpose)
    Counter purged;          ///< undelivered passages deleted (retention)
};

}  // namespace anpr::core
