//! The `edited-after-acceptance` rule.
