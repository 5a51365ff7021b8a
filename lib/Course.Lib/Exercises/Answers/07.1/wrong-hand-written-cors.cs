// Mistake: a hand-written "CORS" middleware that stamps Access-Control-Allow-Origin: https://app.example on every
// response and answers every OPTIONS with 204, instead of UseCors(): it knows no policy, so an endpoint's own
// RequireCors policy (the partner's) is never applied.
// Expect: RequireCors("partner"), was not applied
// Exercise 07.1: order the pipeline.
void OrderPipeline(WebApplication app)
{
    app.UseExceptionHandler();
    app.UseMiddleware<GatewayPrefix>();
    app.UseRouting();
    app.Use(async (HttpContext context, RequestDelegate next) =>
    {
        context.Response.Headers["Access-Control-Allow-Origin"] = "https://app.example";
        if (context.Request.Method == "OPTIONS")
        {
            context.Response.StatusCode = 204;
            return;
        }
        await next(context);
    });
    app.UseAuthentication();
    app.UseMiddleware<UserQuota>();
    app.UseAuthorization();
}
