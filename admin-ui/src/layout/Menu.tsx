import { Menu as RaMenu, useGetIdentity } from 'react-admin';

export const Menu = () => {
  const { identity } = useGetIdentity();
  return (
    <RaMenu>
      <RaMenu.DashboardItem />
      <RaMenu.ResourceItem name="requests" />
      {identity && identity.role !== 'graduate' && <RaMenu.ResourceItem name="graduates" />}
      <RaMenu.ResourceItem name="users" />
      <RaMenu.ResourceItem name="audit-events" />
      <RaMenu.ResourceItem name="holidays" />
      <RaMenu.ResourceItem name="stage-targets" />
    </RaMenu>
  );
};
