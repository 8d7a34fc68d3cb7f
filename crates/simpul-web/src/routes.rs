//! The route tables of the pages and the API: the routers are built from them, and tests
//! read them (axum does not expose a router's routes), so the authorization matrix knows
//! every write route there is. Use [`get`], [`post`], [`put`] and [`delete`] as in axum.

use crate::router::AppState;
use axum::extract::DefaultBodyLimit;
use axum::handler::Handler;
use axum::http::Method;
use axum::routing::{self, MethodFilter, MethodRouter};
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

    /// Adds handler `h` (its router for one method, from `on`) at the path and method of the
    /// operation `operation` (the handler's name, utoipa's operation id) in the API document
    /// `doc`, so a route is written once, in its `#[utoipa::path]`. An operation the document
    /// lacks adds nothing (and fails the test that every documented operation is routed).
    pub fn documented(
        mut self,
        doc: &utoipa::openapi::OpenApi,
        operation: &str,
        on: impl FnOnce(MethodFilter) -> MethodRouter<AppState>,
        body_limit: Option<usize>,
    ) -> Self {
        use utoipa::openapi::HttpMethod as H;
        let found = doc.paths.paths.iter().find_map(|(path, item)| {
            [
                (H::Get, &item.get),
                (H::Put, &item.put),
                (H::Post, &item.post),
                (H::Delete, &item.delete),
                (H::Patch, &item.patch),
            ]
            .into_iter()
            .find(|(_, op)| {
                op.as_ref()
                    .is_some_and(|o| o.operation_id.as_deref() == Some(operation))
            })
            .map(|(m, _)| (m, path.strip_prefix("/api/v1").unwrap_or(path)))
        });
        let Some((method, path)) = found else {
            return self;
        };
        let (filter, method) = match method {
            H::Get => (MethodFilter::GET, Method::GET),
            H::Put => (MethodFilter::PUT, Method::PUT),
            H::Delete => (MethodFilter::DELETE, Method::DELETE),
            H::Patch => (MethodFilter::PATCH, Method::PATCH),
            _ => (MethodFilter::POST, Method::POST),
        };
        let mut router = on(filter);
        if let Some(bytes) = body_limit {
            router = router.layer(DefaultBodyLimit::max(bytes));
        }
        // Route tables are built a few times per process (the router, tests): the paths live on.
        let path: &'static str = Box::leak(path.to_owned().into_boxed_str());
        self.routes.push((method, path));
        self.router = self.router.route(path, router);
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
