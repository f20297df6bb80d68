//! Shared helpers for the differential test live in tests/.
