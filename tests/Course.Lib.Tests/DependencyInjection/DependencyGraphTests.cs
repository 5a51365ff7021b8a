using Course.DependencyInjection;
using Microsoft.Extensions.DependencyInjection;

namespace Course.Lib.Tests.DependencyInjection;

public class DependencyGraphTests
{
    private interface IRepository;

    private sealed class Settings;

    private sealed class Db(Settings settings)
    {
        public Settings Settings { get; } = settings;
    }

    private sealed class Repository(Db db) : IRepository
    {
        public Db Db { get; } = db;
    }

    private sealed class OrderService(IRepository repository, Settings settings)
    {
        public IRepository Repository { get; } = repository;

        public Settings Settings { get; } = settings;
    }

    private sealed class Chicken(Egg egg)
    {
        public Egg Egg { get; } = egg;
    }

    private sealed class Egg(Chicken chicken)
    {
        public Chicken Chicken { get; } = chicken;
    }

    private static IServiceCollection Shop(ServiceLifetime orderService = ServiceLifetime.Scoped)
    {
        IServiceCollection services = new ServiceCollection();
        services.AddSingleton<Settings>();
        services.AddScoped<Db>();
        services.AddScoped<IRepository, Repository>();
        services.Add(new ServiceDescriptor(typeof(OrderService), typeof(OrderService), orderService));
        return services;
    }

    [Fact]
    public void Draw_ShowsEachNodeWithItsLifetime_DependenciesIndented()
    {
        var lines = DependencyGraph.Draw<OrderService>(Shop()).Split('\n');

        Assert.Equal(
        [
            "OrderService  [Scoped]",
            "└── IRepository  [Scoped] → Repository",
            "    └── Db  [Scoped]",
            "        └── Settings  [Singleton]",
            "└── Settings  [Singleton]",
        ], lines);
    }

    [Fact]
    public void Draw_FlagsACaptiveDependency()
    {
        var text = DependencyGraph.Draw<OrderService>(Shop(ServiceLifetime.Singleton));

        Assert.Contains("IRepository  [Scoped] → Repository  ⚠ captive", text);
        Assert.DoesNotContain("Settings  [Singleton]  ⚠", text);
    }

    [Fact]
    public void Draw_FlagsACaptiveDependency_ThroughATransientInBetween()
    {
        // Singleton → Transient → Scoped: the scoped Db lives as long as the singleton too.
        IServiceCollection services = new ServiceCollection();
        services.AddSingleton<Settings>();
        services.AddScoped<Db>();
        services.AddTransient<IRepository, Repository>();
        services.AddSingleton<OrderService>();

        var text = DependencyGraph.Draw<OrderService>(services);

        Assert.Contains("Db  [Scoped]  ⚠ captive", text);
    }

    [Fact]
    public void Draw_FlagsMissingRegistrations_AndCycles()
    {
        var services = new ServiceCollection();
        services.AddScoped<Chicken>();
        services.AddScoped<Egg>();
        services.AddScoped<OrderService>();

        Assert.Contains("✗ cycle: Chicken → Egg → Chicken", DependencyGraph.Draw<Chicken>(services));
        Assert.Contains("IRepository  ✗ not registered", DependencyGraph.Draw<OrderService>(services));
    }

    [Fact]
    public void Draw_UsesTheLastRegistration_AndSaysWhenAFactoryHidesTheDependencies()
    {
        var services = Shop();
        services.AddScoped<IRepository>(_ => new Repository(new Db(new Settings())));

        Assert.Contains("IRepository  [Scoped] (factory: dependencies not visible)", DependencyGraph.Draw<OrderService>(services));
    }

    [Fact]
    public void HiddenTypes_AreLeftOut()
    {
        var services = Shop();

        Assert.DoesNotContain("Settings", DependencyGraph.Draw<OrderService>(services, typeof(Settings)));
        Assert.Equal(["Db", "IRepository", "OrderService"], DependencyGraph.ConstructionOrder(services, typeof(OrderService), typeof(Settings)));
    }

    [Fact]
    public void ConstructionOrder_IsDependenciesFirst_EachOnce_AndMatchesTheContainer()
    {
        var order = DependencyGraph.ConstructionOrder(Shop(), typeof(OrderService));

        Assert.Equal(["Settings", "Db", "IRepository", "OrderService"], order);

        using var provider = Shop().BuildServiceProvider();
        using var scope = provider.CreateScope();
        var service = scope.ServiceProvider.GetRequiredService<OrderService>();
        Assert.Same(service.Settings, ((Repository)service.Repository).Db.Settings);
    }
}
