// Mistake: over-broad: a policy of its own in UseCors(…) naming the front end and the partner, so the partner may call
// every endpoint, not only the one whose RequireCors("partner") names it.
// Expect: the partner is allowed only on PUT /partner/orders
// Exercise 07.1: order the pipeline.
void OrderPipeline(WebApplication app)
{
    app.UseExceptionHandler();
    app.UseMiddleware<GatewayPrefix>();
    app.UseRouting();
    app.UseCors(policy => policy.WithOrigins("https://app.example", "https://partner.example").WithMethods("PUT", "DELETE").WithHeaders("X-Api-Key"));
    app.UseAuthentication();
    app.UseMiddleware<UserQuota>();
    app.UseAuthorization();
}
