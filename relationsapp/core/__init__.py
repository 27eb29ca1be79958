"""Qt-free domain layer: records, validation, services, time zones and working hours."""
