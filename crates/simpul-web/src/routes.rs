//! The route tables of the pages and the API: the routers are built from them, and tests
//! read them (axum does not expose a router's routes), so the authorization matrix knows
//! every write route there is. Use [`get`], [`post`], [`put`] and [`delete`] as in axum.

use crate::router::AppState;
use axum::extract::DefaultBodyLimit;
use axum::handler::Handler;
use axum::http::Method;
use axum::routing::{self, MethodRouter};
use axum::Router;

/// The handlers of one path, and which methods they answer.
pub struct Methods {
    methods: Vec<Method>,
    router: MethodRouter<AppState>,
}

macro_rules! method {
    ($($name:ident => $method:ident),+) => {
        $(
            #[doc = concat!("`", stringify!($method), "` handled by `h`.")]
            pub fn $name<H: Handler<T, AppState>, T: 'static>(h: H) -> Methods {
                Methods { methods: vec![Method::$method], router: routing::$name(h) }
            }
        )+
        impl Methods {
            $(
                #[doc = concat!("Also `", stringify!($method), "`, handled by `h`.")]
                pub fn $name<H: Handler<T, AppState>, T: 'static>(mut self, h: H) -> Self {
                    self.methods.push(Method::$method);
                    self.router = self.router.$name(h);
                    self
                }
            )+
        }
    };
}

method!(get => GET, post => POST, put => PUT, delete => DELETE);

impl Methods {
    /// Accepts request bodies up to `bytes` on this path (uploads); call it last.
    pub fn body_limit(mut self, bytes: usize) -> Self {
        self.router = self.router.layer(DefaultBodyLimit::max(bytes));
        self
    }
}

/// Routes being collected: the router and the `(method, path)` pairs it answers.
#[derive(Default)]
pub struct Table {
    router: Router<AppState>,
    routes: Vec<(Method, &'static str)>,
}

impl Table {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn route(mut self, path: &'static str, m: Methods) -> Self {
        self.routes.extend(m.methods.into_iter().map(|x| (x, path)));
        self.router = self.router.route(path, m.router);
        self
    }

    /// Adds every route of `other`.
    pub fn merge(mut self, other: Table) -> Self {
        self.routes.extend(other.routes);
        self.router = self.router.merge(other.router);
        self
    }

    /// Every `(method, path)` pair, in the router's path syntax (`/pd/{id}`).
    pub fn routes(&self) -> &[(Method, &'static str)] {
        &self.routes
    }

    pub fn into_router(self) -> Router<AppState> {
        self.router
    }
}
