//! The Indonesian–English lexicon (SKELETON). The bundled lexicon, derived from FreeDict,
//! is embedded in the binary; users may add their own.
