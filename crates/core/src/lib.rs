//! kubeglass core: from pasted Kubernetes manifests to a simulated cluster and its picture.
//!
//! Data flows one way: text → objects + diagnostics → cluster → world + events → scene → SVG.
//! Nothing here depends on a browser, and everything is deterministic.

pub mod cluster;
pub mod cron;
pub mod describe;
pub mod diagnostic;
pub mod fix;
pub mod gallery;
pub mod link;
pub mod load;
pub mod model;
pub mod motion;
pub mod narrate;
pub mod number;
pub mod order;
pub mod playback;
pub mod rng;
pub mod scenario;
pub mod scene;
pub mod sim;
pub mod sorted;
pub mod source;
pub mod svg;
pub mod text;
pub mod yaml;
